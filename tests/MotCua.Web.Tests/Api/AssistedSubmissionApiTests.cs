using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data.Entities;
using MotCua.Data.Protection;
using MotCua.Web.Integrations;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// A volunteer submits online for a person only with that person's recorded consent: a signature image (checked by
/// content and size) or a one-time code sent to their phone (hashed, expiring, limited tries). The dossier then shows who
/// assisted and how consent was given, in the API and on the staff's and the volunteer's pages.
/// </summary>
public abstract partial class AssistedSubmissionApiTests(MotCuaApp app) : ApiTestBase(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    private static string NewId() => $"0891950{Random.Shared.Next(0, 99999):00000}";

    [Fact]
    public async Task Without_consent_a_volunteer_submission_is_refused_and_nothing_is_saved()
    {
        using var volunteer = await App.ClientAsync("volunteer");
        var before = CountDossiers();
        var response = await volunteer.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(BirthRegistration, channel: "online"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["consentId"], ErrorKeys(problem));
        Assert.Contains("đồng ý", problem["errors"]!["consentId"]![0]!.GetValue<string>());
        var unknown = await IntakeBodyAsync(BirthRegistration, channel: "online");
        unknown["consentId"] = Guid.NewGuid().ToString();
        Assert.Equal(["consentId"], ErrorKeys(await ProblemAsync(await volunteer.PostAsJsonAsync("/api/v1/dossiers", unknown), HttpStatusCode.BadRequest)));
        Assert.Equal(before, CountDossiers());
        // A citizen submitting for themself sends no consent.
        using var citizen = await App.ClientAsync("citizen");
        Assert.Equal(["consentId"], ErrorKeys(await ProblemAsync(await citizen.PostAsJsonAsync("/api/v1/dossiers", unknown), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_volunteer_s_repeat_with_the_same_idempotency_key_gets_the_first_dossier_after_its_consent_was_used()
    {
        var id = NewId();
        using var volunteer = await App.ClientAsync("volunteer");
        var consent = await SignAsync(volunteer, "Lâm Văn Bảy", id, Png, "chu-ky.png");
        await ExpectAsync(consent, HttpStatusCode.Created);
        var intake = await IntakeBodyAsync(BirthRegistration, channel: "online", applicant: Applicant("Lâm Văn Bảy", id));
        intake["consentId"] = (await consent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post(string? k)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(intake) };
            if (k is not null) request.Headers.Add(MotCua.Web.Dossiers.ReceiveDossier.IdempotencyKeyHeader, k);
            return request;
        }
        using var first = await volunteer.SendAsync(Post(key));
        await ExpectAsync(first, HttpStatusCode.Created);
        // The consent is spent, yet the repeat with the key is answered, with the assistance shown, not refused.
        using var again = await volunteer.SendAsync(Post(key));
        await ExpectAsync(again, HttpStatusCode.OK);
        var answered = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Code((await first.Content.ReadFromJsonAsync<JsonObject>())!), Code(answered));
        Assert.Equal("Lâm Văn Bảy", answered["assistance"]!["personName"]!.GetValue<string>());
        // Without the key it is a new submission, and the used consent refuses it.
        Assert.Equal(["consentId"], ErrorKeys(await ProblemAsync(await volunteer.SendAsync(Post(null)), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_signature_consent_lets_the_volunteer_submit_once_for_that_person_and_the_dossier_shows_it()
    {
        var id = NewId();
        using var volunteer = await App.ClientAsync("volunteer");
        var consent = await SignAsync(volunteer, "Lâm Thị Sáu", id, Png, "chu-ky.png");
        await ExpectAsync(consent, HttpStatusCode.Created);
        var body = (await consent.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("signature", body["method"]!.GetValue<string>());
        Assert.NotNull(body["givenAt"]);
        var consentId = body["id"]!.GetValue<string>();

        // For another person's ID number the consent does not count.
        var other = await IntakeBodyAsync(BirthRegistration, channel: "online", applicant: Applicant("Lâm Thị Sáu", NewId()));
        other["consentId"] = consentId;
        Assert.Equal(["consentId"], ErrorKeys(await ProblemAsync(await volunteer.PostAsJsonAsync("/api/v1/dossiers", other), HttpStatusCode.BadRequest)));

        var intake = await IntakeBodyAsync(BirthRegistration, channel: "online", applicant: Applicant("Lâm Thị Sáu", id));
        intake["consentId"] = consentId;
        var created = await volunteer.PostAsJsonAsync("/api/v1/dossiers", intake);
        await ExpectAsync(created, HttpStatusCode.Created);
        var dossier = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var assistance = dossier["assistance"]!;
        Assert.Equal("volunteer", assistance["volunteer"]!.GetValue<string>());
        Assert.Equal("Võ Thành Đạt", assistance["volunteerName"]!.GetValue<string>());
        Assert.Equal("Lâm Thị Sáu", assistance["personName"]!.GetValue<string>());
        Assert.Equal("signature", assistance["consentMethod"]!.GetValue<string>());

        // Staff of the unit see it too; the consent is spent.
        using var officer = await App.ClientAsync("officer");
        var seen = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(dossier)}"))!;
        Assert.Equal("signature", seen["assistance"]!["consentMethod"]!.GetValue<string>());
        var again = await volunteer.PostAsJsonAsync("/api/v1/dossiers", intake);
        var problem = await ProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.Contains("đã được dùng", problem["errors"]!["consentId"]![0]!.GetValue<string>());

        // The signature and the ID number are kept; the number encrypted.
        var row = App.WithDb(db => db.AssistedConsents.AsNoTracking().Single(c => c.Id == Guid.Parse(consentId)));
        Assert.Equal(Code(dossier), row.DossierCode);
        Assert.Equal(Png, row.SignatureImage);
        Assert.Equal(id, row.PersonIdNumber);
        Assert.StartsWith(PersonalDataCipher.Prefix, App.WithDb(db => db.Database
            .SqlQueryRaw<string>("SELECT \"PersonIdNumber\" AS \"Value\" FROM assisted_consents WHERE \"DossierCode\" = {0}", Code(dossier)).Single()));

        // The staff's dossier page and the volunteer's say who assisted and how.
        using var officerPage = await SignedInPageAsync("officer");
        var staffHtml = WebUtility.HtmlDecode(await officerPage.GetStringAsync($"/ho-so/{Code(dossier)}"));
        Assert.Contains("Tình nguyện viên Võ Thành Đạt nộp hộ; Lâm Thị Sáu đồng ý bằng chữ ký", staffHtml);
        using var volunteerPage = await SignedInPageAsync("volunteer");
        var mine = WebUtility.HtmlDecode(await volunteerPage.GetStringAsync($"/ho-so-cua-toi/{Code(dossier)}"));
        Assert.Contains("đồng ý bằng chữ ký", mine);

        // The person follows it by public tracking (code and ID number): how they consented, and no one's name.
        using var anonymous = await App.ClientAsync();
        var tracked = await anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Code(dossier)}", new { idNumber = id });
        await ExpectAsync(tracked, HttpStatusCode.OK);
        var trackedText = await tracked.Content.ReadAsStringAsync();
        Assert.Equal("signature", (await tracked.Content.ReadFromJsonAsync<JsonObject>())!["assistedConsentMethod"]!.GetValue<string>());
        Assert.DoesNotContain("Võ Thành Đạt", trackedText);
        Assert.DoesNotContain("Lâm Thị Sáu", trackedText);
        // A dossier submitted by the person themself says nothing of the kind.
        var own = await ReceiveAsync(BirthRegistration, user: "citizen", channel: "online");
        var ownResponse = await anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Code(own)}", new { idNumber = "091095001234" });
        await ExpectAsync(ownResponse, HttpStatusCode.OK);
        var ownTracked = (await ownResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(ownTracked["assistedConsentMethod"]);
        Assert.Null(own["assistance"]);
    }

    [Fact]
    public async Task A_signature_must_be_a_png_or_jpeg_by_content_and_small()
    {
        using var volunteer = await App.ClientAsync("volunteer");
        var pdf = await SignAsync(volunteer, "Lâm Thị Sáu", NewId(), "%PDF-1.4 not an image"u8.ToArray(), "chu-ky.png");
        Assert.Equal(["signature"], ErrorKeys(await ProblemAsync(pdf, HttpStatusCode.BadRequest)));
        var big = new byte[(int)MotCua.Web.Dossiers.AssistedConsents.MaxSignatureBytes + 1];
        Png.CopyTo(big, 0);
        Assert.Equal(["signature"], ErrorKeys(await ProblemAsync(await SignAsync(volunteer, "Lâm Thị Sáu", NewId(), big, "chu-ky.png"), HttpStatusCode.BadRequest)));
        var missing = await SignAsync(volunteer, "", "12", Png, "chu-ky.png");
        Assert.Equal(["idNumber", "personName"], ErrorKeys(await ProblemAsync(missing, HttpStatusCode.BadRequest)));
        // Only volunteers record consents.
        using var officer = await App.ClientAsync("officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await SignAsync(officer, "Lâm Thị Sáu", NewId(), Png, "chu-ky.png")).StatusCode);
    }

    [Fact]
    public async Task A_phone_code_is_sent_hashed_checked_with_limited_tries_and_then_allows_the_submission()
    {
        var id = NewId();
        var phone = $"09120{Random.Shared.Next(0, 99999):00000}";
        using var volunteer = await App.ClientAsync("volunteer");
        var sent = await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "Đỗ Văn Bảy", idNumber = id, phone });
        await ExpectAsync(sent, HttpStatusCode.Created);
        var consent = (await sent.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(consent["givenAt"]);
        Assert.Equal(5, consent["triesLeft"]!.GetValue<int>());
        var consentId = consent["id"]!.GetValue<string>();
        var code = CodeIn(Sms().Last(m => m.Phone == phone).Text);

        // Not given yet: the submission is refused.
        var intake = await IntakeBodyAsync(BirthRegistration, channel: "online", applicant: Applicant("Đỗ Văn Bảy", id));
        intake["consentId"] = consentId;
        await ProblemAsync(await volunteer.PostAsJsonAsync("/api/v1/dossiers", intake), HttpStatusCode.BadRequest);

        // Only the hash of the code is stored; another volunteer cannot answer for this one.
        var row = App.WithDb(db => db.AssistedConsents.AsNoTracking().Single(c => c.Id == Guid.Parse(consentId)));
        Assert.DoesNotContain(code, row.CodeHash);
        await App.EnsureUserAsync("volunteer2", "Volunteer", null, AnGiang);
        using (var other = await App.ClientAsync("volunteer2"))
            await ProblemAsync(await other.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code }), HttpStatusCode.NotFound);

        var wrong = await ProblemAsync(await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code = WrongCode(code) }), HttpStatusCode.BadRequest);
        Assert.Contains("Còn 4 lần thử", wrong["errors"]!["code"]![0]!.GetValue<string>());
        var right = await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code });
        await ExpectAsync(right, HttpStatusCode.OK);
        Assert.NotNull((await right.Content.ReadFromJsonAsync<JsonObject>())!["givenAt"]);

        var created = await volunteer.PostAsJsonAsync("/api/v1/dossiers", intake);
        await ExpectAsync(created, HttpStatusCode.Created);
        Assert.Equal("phoneCode", (await created.Content.ReadFromJsonAsync<JsonObject>())!["assistance"]!["consentMethod"]!.GetValue<string>());
        Assert.StartsWith(PersonalDataCipher.Prefix, App.WithDb(db => db.Database
            .SqlQueryRaw<string>("SELECT \"Phone\" AS \"Value\" FROM assisted_consents WHERE \"Id\" = {0}", row.Id).Single()));
    }

    [Fact]
    public async Task A_code_stops_working_after_five_wrong_tries_or_when_it_expires()
    {
        using var volunteer = await App.ClientAsync("volunteer");
        var phone = $"09130{Random.Shared.Next(0, 99999):00000}";
        var consentId = (await (await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "Đỗ Văn Tám", idNumber = NewId(), phone }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var code = CodeIn(Sms().Last(m => m.Phone == phone).Text);
        for (var i = 0; i < 4; i++)
            await ProblemAsync(await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code = WrongCode(code) }), HttpStatusCode.BadRequest);
        await ProblemAsync(await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code = WrongCode(code) }), HttpStatusCode.Conflict);
        var locked = await ProblemAsync(await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code }), HttpStatusCode.Conflict);
        Assert.Contains("quá số lần", locked["detail"]!.GetValue<string>());

        var phone2 = $"09140{Random.Shared.Next(0, 99999):00000}";
        var second = (await (await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "Đỗ Văn Tám", idNumber = NewId(), phone = phone2 }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var code2 = CodeIn(Sms().Last(m => m.Phone == phone2).Text);
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await ProblemAsync(await volunteer.PostAsJsonAsync($"/api/v1/consents/{second}/code", new { code = code2 }), HttpStatusCode.Conflict);
        Assert.Contains("hết hạn", expired["detail"]!.GetValue<string>());

        var bad = await ProblemAsync(await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "X", idNumber = NewId(), phone = "123" }), HttpStatusCode.BadRequest);
        Assert.Equal(["phone"], ErrorKeys(bad));
    }

    [Fact]
    public async Task On_the_consent_page_the_volunteer_sends_a_code_types_it_back_and_the_submission_page_opens_with_the_consent()
    {
        var id = NewId();
        var phone = $"09150{Random.Shared.Next(0, 99999):00000}";
        using var page = await SignedInPageAsync("volunteer");
        var start = await page.GetStringAsync($"/nop-ho-so/{BirthRegistration}");
        Assert.Contains($"/nop-ho-so/{BirthRegistration}/dong-y", start);
        Assert.DoesNotContain("name=\"applicant.fullName\"", start);

        var url = $"/nop-ho-so/{BirthRegistration}/dong-y";
        var token = PageForms.Antiforgery(await page.GetStringAsync(url));
        var sent = await page.PostAsync(url, new FormUrlEncodedContent([
            new("_handler", "consent"), new("__RequestVerificationToken", token), new("how", "code"),
            new("personName", "Đỗ Thị Chín"), new("idNumber", id), new("phone", phone)]));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var sentHtml = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Contains("Đã gửi mã xác nhận đến điện thoại của Đỗ Thị Chín", sentHtml);
        var consentId = ConsentInput().Match(sentHtml).Groups[1].Value;
        var code = CodeIn(Sms().Last(m => m.Phone == phone).Text);

        var wrong = await page.PostAsync(url, new FormUrlEncodedContent([
            new("_handler", "verify"), new("__RequestVerificationToken", token), new("consentId", consentId), new("code", WrongCode(code))]));
        Assert.Contains("Còn 4 lần thử", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        var right = await page.PostAsync(url, new FormUrlEncodedContent([
            new("_handler", "verify"), new("__RequestVerificationToken", token), new("consentId", consentId), new("code", code)]));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var location = right.Headers.Location!;
        var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Equal($"/nop-ho-so/{BirthRegistration}?dong-y={consentId}", target);

        var form = WebUtility.HtmlDecode(await page.GetStringAsync(target));
        Assert.Contains("Đã có sự đồng ý của Đỗ Thị Chín bằng mã xác nhận qua điện thoại", form);
        Assert.Contains($"value=\"{id}\"", form);
    }

    private IReadOnlyList<RecordingSmsSender.Sent> Sms() => ((RecordingSmsSender)App.Services.GetRequiredService<ISmsSender>()).Messages;

    private static string CodeIn(string text) => SixDigits().Match(text).Value;

    private static string WrongCode(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

    private static async Task<HttpResponseMessage> SignAsync(HttpClient client, string name, string id, byte[] image, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "personName" },
            { new StringContent(id), "idNumber" },
            { new ByteArrayContent(image), "signature", fileName },
        };
        return await client.PostAsync("/api/v1/consents/signature", form);
    }

    /// <summary>A page client signed in with the Identity cookie through the sign-in form.</summary>
    private async Task<HttpClient> SignedInPageAsync(string userName)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/dang-nhap");
        var token = PageForms.Antiforgery(page);
        var response = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent([
            new("_handler", "signin"), new("__RequestVerificationToken", token),
            new("Input.UserName", userName), new("Input.Password", MotCuaApp.Password)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"consentId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex ConsentInput();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

}

[Collection(SqliteCollection.Name)] public sealed class AssistedSubmissionApiTests_Sqlite(SqliteApp app) : AssistedSubmissionApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class AssistedSubmissionApiTests_Postgres(PostgresApp app) : AssistedSubmissionApiTests(app);
