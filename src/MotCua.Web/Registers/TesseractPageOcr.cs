using System.ComponentModel;
using System.Diagnostics;

namespace MotCua.Web.Registers;

/// <summary>
/// OCR with Debian's <c>tesseract</c> command (packages tesseract-ocr and tesseract-ocr-vie), run as a process: the image
/// on standard input, the text on standard output. <c>Registers:Ocr:Command</c> and <c>Registers:Ocr:Languages</c>
/// (default "vie") configure it.
/// </summary>
public sealed class TesseractPageOcr(IConfiguration config, ILogger<TesseractPageOcr> log) : IPageOcr
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public async Task<OcrResult> ReadAsync(byte[] image, CancellationToken ct)
    {
        var start = new ProcessStartInfo(config["Registers:Ocr:Command"] ?? "tesseract")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "stdin", "stdout", "-l", config["Registers:Ocr:Languages"] ?? "vie", "--psm", "4" })
            start.ArgumentList.Add(arg);
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception ex)
        {
            log.LogWarning("OCR unavailable: {Message}", ex.Message);
            return new OcrResult(null, $"tesseract is not installed ({ex.Message}): apt-get install tesseract-ocr tesseract-ocr-vie");
        }
        using (process)
        {
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.StandardInput.BaseStream.WriteAsync(image, timeout.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(timeout.Token);
                var text = (await output).Trim();
                if (process.ExitCode != 0)
                    return new OcrResult(null, $"tesseract exited with {process.ExitCode}: {(await errors).Trim()}");
                return new OcrResult(text.Normalize(System.Text.NormalizationForm.FormC), null);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new OcrResult(null, $"tesseract took longer than {Timeout.TotalSeconds} s");
            }
        }
    }
}
