using System.Security.Cryptography;
using System.Text;

namespace MotCua.Data.Protection;

/// <summary>
/// Encryption at rest of personal data that MotCua keeps in its own columns: citizen ID numbers, the procedure form data
/// (which holds other people's ID numbers, parents' names, addresses) and the bodies of outbox messages. AES-256-GCM with
/// a fresh 96-bit nonce per value, stored as <c>enc1:</c> + base64(nonce | tag | ciphertext). Lookups use a keyed hash
/// (HMAC-SHA256) instead of the value. Both keys are derived (HKDF-SHA256) from one 256-bit master key that is never
/// stored in the database (configuration <c>MotCua:PersonalData:Key</c>). Values written before encryption was turned
/// on (no prefix) are read as they are, and re-encrypted by <see cref="PersonalDataBackfill"/>.
/// The content of uploaded documents (scans of ID cards, birth certificates) is encrypted the same way as bytes, under a
/// key of its own (another HKDF purpose): <see cref="BytesPrefix"/> + nonce | tag | ciphertext.
/// </summary>
public sealed class PersonalDataCipher
{
    public const string Prefix = "enc1:";
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;
    private readonly byte[] _documentKey;

    /// <summary>The first bytes of encrypted content ("enc1:"); no accepted upload (PDF, JPEG, PNG) starts so.</summary>
    public static ReadOnlySpan<byte> BytesPrefix => "enc1:"u8;

    public PersonalDataCipher(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("The personal data key must be 32 bytes (base64 of 32 random bytes).", nameof(masterKey));
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "motcua personal data encryption"u8.ToArray());
        _lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "motcua personal data lookup"u8.ToArray());
        _documentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "motcua document content encryption"u8.ToArray());
    }

    /// <summary>
    /// The cipher of this process, set once at start-up from configuration. The EF Core value converters call it when
    /// they convert (never when the model is built), so the key is not part of the cached model.
    /// </summary>
    public static PersonalDataCipher? Current { get; set; }

    internal static PersonalDataCipher Required => Current
        ?? throw new InvalidOperationException("PersonalDataCipher.Current is not set: configure MotCua:PersonalData:Key.");

    public string Protect(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var blob = new byte[NonceSize + TagSize + data.Length];
        Seal(_encryptionKey, data, blob);
        return Prefix + Convert.ToBase64String(blob);
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored; // written before encryption was on
        return Encoding.UTF8.GetString(Open(_encryptionKey, Convert.FromBase64String(stored[Prefix.Length..])));
    }

    /// <summary>AES-256-GCM of <paramref name="plain"/> into <paramref name="blob"/>: nonce | tag | ciphertext.</summary>
    private static void Seal(byte[] key, ReadOnlySpan<byte> plain, Span<byte> blob)
    {
        var nonce = blob[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, blob[(NonceSize + TagSize)..], blob.Slice(NonceSize, TagSize));
    }

    /// <summary>The plain bytes of a <see cref="Seal"/>ed blob (throws when the tag does not match).</summary>
    private static byte[] Open(byte[] key, ReadOnlySpan<byte> blob)
    {
        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob[..NonceSize], blob[(NonceSize + TagSize)..], blob.Slice(NonceSize, TagSize), plain);
        return plain;
    }

    /// <summary>Encrypts a document's content.</summary>
    public byte[] ProtectBytes(byte[] plain)
    {
        var blob = new byte[BytesPrefix.Length + NonceSize + TagSize + plain.Length];
        BytesPrefix.CopyTo(blob);
        Seal(_documentKey, plain, blob.AsSpan(BytesPrefix.Length));
        return blob;
    }

    /// <summary>A document's content as uploaded; content stored before encryption was on is returned as it is.</summary>
    public byte[] UnprotectBytes(byte[] stored) =>
        IsProtected(stored) ? Open(_documentKey, stored.AsSpan(BytesPrefix.Length)) : stored;

    public static bool IsProtected(byte[]? stored) =>
        stored is not null && stored.Length >= BytesPrefix.Length + NonceSize + TagSize && stored.AsSpan().StartsWith(BytesPrefix);

    /// <summary>The keyed hash to look a value up by (e.g. every dossier of one ID number) without storing it.</summary>
    public string LookupHash(string plain) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(plain.Trim())));

    public static bool IsProtected(string? stored) => stored?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
