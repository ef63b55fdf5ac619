namespace MotCua.Data.Entities;

/// <summary>
/// The consent of a person on whose behalf a community digital-technology volunteer submits online: who (name and ID
/// number, encrypted), how (a signature image, or a one-time code sent to their phone and typed back), when, and by which
/// volunteer. A consent is given once, used by one dossier, and shown on that dossier to staff and to the person.
/// </summary>
public class AssistedConsent
{
    public Guid Id { get; set; }
    /// <summary>The volunteer who asked for the consent; only they may use it.</summary>
    public string VolunteerUserName { get; set; } = "";
    public string PersonName { get; set; } = "";
    /// <summary>Encrypted at rest.</summary>
    public string PersonIdNumber { get; set; } = "";
    public AssistedConsentMethod Method { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the consent was given: the signature's upload, or the right code typed in. Null while a code is awaited.</summary>
    public DateTimeOffset? GivenAt { get; set; }

    /// <summary>One-time code: the phone it was sent to (encrypted), the code's hash, its expiry and the wrong tries so far.</summary>
    public string? Phone { get; set; }
    public string? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public int FailedAttempts { get; set; }

    /// <summary>Signature: the image as uploaded (checked PNG or JPEG) and its media type.</summary>
    public byte[]? SignatureImage { get; set; }
    public string? SignatureContentType { get; set; }

    /// <summary>The dossier submitted with this consent; null until used (a consent is used once).</summary>
    public string? DossierCode { get; set; }
}

public enum AssistedConsentMethod
{
    Signature,
    PhoneCode,
}
