namespace MotCua.Web.Registers;

/// <summary>Reads the text of a scanned page image.</summary>
public interface IPageOcr
{
    /// <summary>The text read, or an error message when the engine is missing or failed.</summary>
    Task<OcrResult> ReadAsync(byte[] image, CancellationToken ct);
}

public sealed record OcrResult(string? Text, string? Error);
