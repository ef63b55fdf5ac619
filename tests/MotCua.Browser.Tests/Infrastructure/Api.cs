using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MotCua.Browser.Tests.Infrastructure;

/// <summary>
/// The HTTP API of the same app with a bearer token, for what a journey needs done but does not look at in the browser:
/// a dossier received online or at a counter and carried to some state by another office.
/// </summary>
public sealed class Api(HttpClient http) : IDisposable
{
    public const string BirthRegistration = "1.001193";
    public const string MaritalStatus = "1.004873";
    public const string ThoiSon = "30502";

    public static async Task<Api> SignInAsync(BrowserApp app, string userName)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = BrowserApp.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http);
    }

    public Task<JsonElement> GetAsync(string code) => GetJsonAsync($"/api/v1/dossiers/{code}");

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => http.PostAsync(path, content);

    public async Task<JsonElement> ActAsync(string code, string action, string? note = null, string? assignee = null)
    {
        var version = (await GetAsync(code)).GetProperty("version").GetInt32();
        var response = await http.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, version, note, assignee });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} on {code}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Receives a dossier as this account (a citizen online, an officer at the counter) with the applicant's ID number
    /// and form data; returns its code.
    /// </summary>
    public async Task<string> ReceiveAsync(string procedureCode, string channel, string applicantName, string idNumber, object formData)
    {
        var response = await http.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode, unitCode = ThoiSon, channel,
            applicant = new { fullName = applicantName, idNumber, dateOfBirth = BirthDateOf(idNumber), phone = "0912345678" },
            formData,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"receive {procedureCode}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>A birth date that agrees with the ID number (its 4th digit says the century, the next two the year).</summary>
    private static string BirthDateOf(string idNumber) => $"{(idNumber[3] < '2' ? "19" : "20")}{idNumber[4..6]}-03-12";

    /// <summary>A birth registration submitted online by this (citizen) account, with the birth certificate as a PDF.</summary>
    public async Task<string> SubmitBirthRegistrationAsync(string childName, string applicantName, string idNumber)
    {
        var code = await ReceiveAsync(BirthRegistration, "online", applicantName, idNumber, new
        {
            childFullName = childName,
            childDateOfBirth = DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            childSex = "Nam", childEthnicity = "Kinh", childPlaceOfBirth = "Bệnh viện Đa khoa tỉnh An Giang",
            childHometown = "Phường Thới Sơn, tỉnh An Giang", requesterRelationship = "Mẹ",
        });
        await UploadAsync(code, "giay-chung-sinh", "giay-chung-sinh.pdf", Files.Pdf);
        return code;
    }

    /// <summary>A marital status certificate received at this officer's counter.</summary>
    public Task<string> ReceiveMaritalStatusAsync(string applicantName, string idNumber) =>
        ReceiveAsync(MaritalStatus, "counter", applicantName, idNumber, new
        {
            maritalStatus = "Chưa đăng ký kết hôn với ai", purpose = "Bổ sung hồ sơ vay vốn ngân hàng", copies = 2,
        });

    public async Task UploadAsync(string code, string requiredDocumentCode, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(requiredDocumentCode), "requiredDocumentCode");
        var response = await http.PostAsync($"/api/v1/dossiers/{code}/documents", form);
        Assert.True(response.IsSuccessStatusCode, $"upload to {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Small valid files for the file inputs and uploads.</summary>
public static class Files
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A small PDF file on disk (in a folder of its own, so the name is what the user sees).</summary>
    public static string PdfOnDisk(string name = "giay-chung-sinh.pdf") => OnDisk(name, Pdf);

    /// <summary>A PNG (its signature and header: the app checks the content's type, not the picture).</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0];

    public static string PngOnDisk(string name = "chu-ky.png") => OnDisk(name, Png);

    private static string OnDisk(string name, byte[] content)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"motcua-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
