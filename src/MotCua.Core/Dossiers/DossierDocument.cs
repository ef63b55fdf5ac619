namespace MotCua.Core.Dossiers;

/// <summary>A file attached to a dossier. The bytes live in <see cref="DossierDocumentContent"/>.</summary>
public sealed class DossierDocument
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    /// <summary>The required-document code of the procedure this file answers, if any.</summary>
    public string? RequiredDocumentCode { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    public DossierDocumentContent? Content { get; set; }
}

/// <summary>The bytes of an attached file, kept apart so lists never load them.</summary>
public sealed class DossierDocumentContent
{
    public long DossierDocumentId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
