using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>Uploads (type by content, size, checksum), the printable receipt and public tracking.</summary>
public abstract class DocumentsAndTrackingApiTests(MotCuaApp app) : ApiTestBase(app)
{
    private static MultipartFormDataContent File(byte[] bytes, string name, string? requiredCode = null)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        if (requiredCode is not null) content.Add(new StringContent(requiredCode), "requiredDocumentCode");
        return content;
    }

    [Fact]
    public async Task A_pdf_is_stored_with_its_checksum_and_the_missing_documents_shrink()
    {
        var d = await ReceiveAsync(MaritalStatus);
        var missing = d["missingDocuments"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.NotEmpty(missing);
        var pdf = "%PDF-1.7\n% tờ khai\n"u8.ToArray().Concat(new byte[2000]).ToArray();
        using var client = await App.ClientAsync("officer");
        var response = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", File(pdf, "to-khai.pdf", missing[0]));
        await ExpectAsync(response, HttpStatusCode.Created);
        var doc = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), doc["sha256"]!.GetValue<string>());
        Assert.Equal("application/pdf", doc["contentType"]!.GetValue<string>());
        var again = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.DoesNotContain(missing[0], again!["missingDocuments"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Single(again["documents"]!.AsArray());
    }

    [Fact]
    public async Task An_attached_file_opens_for_who_may_see_the_dossier_and_is_not_found_for_anyone_else()
    {
        var d = await ReceiveAsync(BirthRegistration, user: "citizen", channel: "online");
        var pdf = "%PDF-1.7\n% giấy chứng sinh\n"u8.ToArray().Concat(new byte[500]).ToArray();
        using var citizen = await App.ClientAsync("citizen");
        var uploaded = await citizen.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", File(pdf, "giấy chứng sinh.pdf", "giay-chung-sinh"));
        await ExpectAsync(uploaded, HttpStatusCode.Created);
        var path = $"/api/v1/dossiers/{Code(d)}/documents/{(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>()}";

        foreach (var user in new[] { "citizen", "officer", "admin" })
        {
            using var client = await App.ClientAsync(user);
            var response = await client.GetAsync(path);
            await ExpectAsync(response, HttpStatusCode.OK);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("giấy chứng sinh.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        }
        // Another unit's officer, and a volunteer who did not submit it: as if it did not exist. No token: 401.
        foreach (var user in new[] { "officer2", "volunteer" })
        {
            using var client = await App.ClientAsync(user);
            await ProblemAsync(await client.GetAsync(path), HttpStatusCode.NotFound);
        }
        using var anonymous = await App.ClientAsync();
        await ExpectAsync(await anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
        // A citizen's own dossier only: the counter dossier of someone else is not found for the citizen.
        var other = await ReceiveAsync(MaritalStatus);
        using var officer = await App.ClientAsync("officer");
        var scan = await officer.PostAsync($"/api/v1/dossiers/{Code(other)}/documents", File(pdf, "to-khai.pdf", "to-khai"));
        var scanPath = $"/api/v1/dossiers/{Code(other)}/documents/{(await scan.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>()}";
        await ExpectAsync(await officer.GetAsync(scanPath), HttpStatusCode.OK);
        await ProblemAsync(await citizen.GetAsync(scanPath), HttpStatusCode.NotFound);
        // A document id of another dossier under this dossier's code: not found either.
        await ProblemAsync(await officer.GetAsync($"/api/v1/dossiers/{Code(d)}/documents/{scanPath.Split('/')[^1]}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Files_are_checked_by_content_and_size_and_required_document_code()
    {
        var d = await ReceiveAsync(MaritalStatus);
        using var client = await App.ClientAsync("officer");
        var exe = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", File("MZ\x90\0 not a pdf"u8.ToArray(), "giay-to.pdf"));
        Assert.Equal(["file"], ErrorKeys(await ProblemAsync(exe, HttpStatusCode.BadRequest)));
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var tooBig = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", File(big, "big.pdf"));
        Assert.Equal(["file"], ErrorKeys(await ProblemAsync(tooBig, HttpStatusCode.BadRequest)));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var unknown = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", File(png, "anh.png", "khong-co"));
        Assert.Equal(["requiredDocumentCode"], ErrorKeys(await ProblemAsync(unknown, HttpStatusCode.BadRequest)));
        var empty = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", new MultipartFormDataContent());
        Assert.Equal(["file"], ErrorKeys(await ProblemAsync(empty, HttpStatusCode.BadRequest)));
        var after = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.Empty(after!["documents"]!.AsArray());
    }

    [Fact]
    public async Task The_receipt_is_a_vietnamese_page_with_the_code_and_the_appointment()
    {
        App.Clock.SetVietnamTime(2026, 3, 2, 9);
        var d = await ReceiveAsync(MaritalStatus);
        using var client = await App.ClientAsync("officer");
        var response = await client.GetAsync($"/api/v1/dossiers/{Code(d)}/receipt");
        await ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", html);
        Assert.Contains(Code(d), html);
        Assert.Contains("09 giờ 00 phút, ngày 05/03/2026", html);
        Assert.Contains("Nguyễn Văn An", html);
        Assert.DoesNotContain("091095001234", html); // the ID number is masked on paper
        Assert.Contains("lang=\"vi\"", html);
    }

    [Fact]
    public async Task Public_tracking_needs_the_matching_id_number_and_shows_no_personal_data()
    {
        var d = await ReceiveAsync(MaritalStatus);
        using var anonymous = await App.ClientAsync();
        var response = await anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Code(d)}", new { idNumber = "091095001234" });
        await ExpectAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("received", json["status"]!.GetValue<string>());
        Assert.Equal("Đã tiếp nhận", json["statusText"]!.GetValue<string>());
        Assert.Equal(Time(d, "dueAt"), Time(json, "dueAt"));
        Assert.DoesNotContain("Nguyễn", body);
        Assert.DoesNotContain("091095001234", body);
        Assert.DoesNotContain("0912345678", body);
        await ProblemAsync(await anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Code(d)}", new { idNumber = "091095009999" }), HttpStatusCode.NotFound);
        await ProblemAsync(await anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Code(d)}", new { }), HttpStatusCode.NotFound);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/public/dossiers/000.00.01.H91-260101-9999", new { idNumber = "091095001234" }), HttpStatusCode.NotFound);
        // The ID number is never taken from a URL: there is no GET form of the lookup.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await anonymous.GetAsync($"/api/v1/public/dossiers/{Code(d)}?idNumber=091095001234")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class DocumentsAndTrackingApiTests_Sqlite(SqliteApp app) : DocumentsAndTrackingApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class DocumentsAndTrackingApiTests_Postgres(PostgresApp app) : DocumentsAndTrackingApiTests(app);
