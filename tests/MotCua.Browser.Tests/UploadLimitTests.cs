using System.Net;
using MotCua.Browser.Tests.Infrastructure;
using MotCua.Web.Dossiers;

namespace MotCua.Browser.Tests;

/// <summary>
/// The request size limit of the real Kestrel host (the in-process test server of MotCua.Web.Tests has none): a form may
/// carry as many files at the upload limit as a submission sends (<see cref="UploadDocument.MaxFormRequestBytes"/>), more
/// than Kestrel's 30 MB default, and no more.
/// </summary>
[Collection(BrowserCollection.Name)]
public class UploadLimitTests(BrowserApp app)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_form_with_three_ten_mb_files_is_read_and_one_past_the_limit_is_refused()
    {
        using var citizen = await Api.SignInAsync(app, "citizen");
        var code = await citizen.ReceiveAsync(Api.MaritalStatus, "online", "Phạm Thị Hồng", "091185001234",
            new { maritalStatus = "Chưa đăng ký kết hôn với ai", purpose = "Kết hôn", copies = 1 });

        // 3 × 10 MB: over Kestrel's 30,000,000-byte default, within the upload rules.
        using (var form = Form(filesOf10MiB: 3))
        {
            Assert.True(form.Headers.ContentLength > 30_000_000);
            var response = await citizen.PostAsync($"/api/v1/dossiers/{code}/documents", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // One file more than a form may carry, and then some: the host stops reading.
        using (var form = Form(filesOf10MiB: UploadDocument.MaxFilesPerRequest + 1))
        {
            Assert.True(form.Headers.ContentLength > UploadDocument.MaxFormRequestBytes);
            // Kestrel answers 413 and closes the connection, which the client may see as a broken pipe while it still sends.
            try
            {
                var response = await citizen.PostAsync($"/api/v1/dossiers/{code}/documents", form);
                Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: a {form.Headers.ContentLength}-byte form was read");
            }
            catch (HttpRequestException)
            {
            }
        }
        var documents = (await citizen.GetAsync(code)).GetProperty("documents");
        Assert.Equal(1, documents.GetArrayLength());
    }

    /// <summary>A multipart form whose "file" is a 10 MiB PDF, with further 10 MiB files under other names.</summary>
    private static MultipartFormDataContent Form(int filesOf10MiB)
    {
        var pdf = new byte[10 * MiB];
        Files.Pdf.CopyTo(pdf, 0);
        var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "to-khai.pdf" } };
        for (var i = 1; i < filesOf10MiB; i++) form.Add(new ByteArrayContent(pdf), "extra" + i, $"ban-sao-{i}.pdf");
        return form;
    }
}
