using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MotCua.Data.Protection;

/// <summary>Stores a string property encrypted with <see cref="PersonalDataCipher.Current"/>.</summary>
public sealed class PersonalDataConverter() : ValueConverter<string, string>(
    plain => PersonalDataCipher.Required.Protect(plain),
    stored => PersonalDataCipher.Required.Unprotect(stored));

/// <summary>Stores a document's content encrypted with <see cref="PersonalDataCipher.Current"/> (its own derived key).</summary>
public sealed class DocumentContentConverter() : ValueConverter<byte[], byte[]>(
    plain => PersonalDataCipher.Required.ProtectBytes(plain),
    stored => PersonalDataCipher.Required.UnprotectBytes(stored));
