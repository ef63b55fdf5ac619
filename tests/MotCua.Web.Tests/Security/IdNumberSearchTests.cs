using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Security;

/// <summary>
/// No personal data in URLs: staff search a person's dossiers by ID number through a post (the work-queue page's form,
/// anti-forgery checked; <c>POST /api/v1/dossiers/search</c>), never through a query string, and the request logging never
/// prints the number.
/// </summary>
public abstract class IdNumberSearchTests(MotCuaApp app) : ApiTestBase(app)
{
    /// <summary>A valid ID number of someone born in 1995 (the sample applicant's birth date), unique to the test.</summary>
    private static string NewIdNumber() => "091095" + Random.Shared.Next(0, 1_000_000).ToString("D6");

    private static async Task<JsonObject> SearchAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/dossiers/search", body);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<string> Codes(JsonObject page) => page["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task The_api_refuses_an_id_number_in_the_query_and_finds_it_by_post()
    {
        var id = NewIdNumber();
        var first = Code(await ReceiveAsync(MaritalStatus, applicant: Applicant(id: id)));
        var second = Code(await ReceiveAsync(MaritalStatus, applicant: Applicant(id: id)));
        using var officer = await App.ClientAsync("officer");

        var refused = await ProblemAsync(await officer.GetAsync($"/api/v1/dossiers?q={id}"), HttpStatusCode.BadRequest);
        Assert.Equal(["q"], ErrorKeys(refused));
        Assert.Contains("POST /api/v1/dossiers/search", refused["errors"]!["q"]![0]!.GetValue<string>());
        using (var english = await App.ClientAsync("officer", "en"))
        {
            var inEnglish = await ProblemAsync(await english.GetAsync($"/api/v1/dossiers?q=%20{id}%20"), HttpStatusCode.BadRequest);
            Assert.StartsWith("Do not search by ID number", inEnglish["errors"]!["q"]![0]!.GetValue<string>());
        }
        // A code or a name still searches by GET.
        Assert.Equal([first], Codes((await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?q={first}"))!));

        Assert.Equal([second, first], Codes(await SearchAsync(officer, new { idNumber = id })));
        var paged = await SearchAsync(officer, new { idNumber = " " + id + " ", status = "received", pageSize = 1, page = 2 });
        Assert.Equal([first], Codes(paged));
        Assert.Equal(2, paged["total"]!.GetValue<int>());
        // Scoped as the list: another commune's officer finds nothing; a citizen only their own dossiers.
        using (var other = await App.ClientAsync("officer2"))
            Assert.Empty(Codes(await SearchAsync(other, new { idNumber = id })));
        using (var citizen = await App.ClientAsync("citizen"))
            Assert.Empty(Codes(await SearchAsync(citizen, new { idNumber = id })));

        Assert.Equal(["idNumber"], ErrorKeys(await ProblemAsync(await officer.PostAsJsonAsync("/api/v1/dossiers/search", new { }), HttpStatusCode.BadRequest)));
        Assert.Equal(["idNumber"], ErrorKeys(await ProblemAsync(
            await officer.PostAsJsonAsync("/api/v1/dossiers/search", new { idNumber = "12345" }), HttpStatusCode.BadRequest)));
        Assert.Equal(["q"], ErrorKeys(await ProblemAsync(
            await officer.PostAsJsonAsync("/api/v1/dossiers/search", new { idNumber = id, q = "Nguyễn" }), HttpStatusCode.BadRequest)));
        Assert.Equal(["status"], ErrorKeys(await ProblemAsync(
            await officer.PostAsJsonAsync("/api/v1/dossiers/search", new { idNumber = id, status = "nope" }), HttpStatusCode.BadRequest)));
    }

    /// <summary>Remembers the address of every request the client sends (redirects are followed by hand, so each is one).</summary>
    private sealed class RecordingHandler(List<string> urls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (urls) urls.Add(request.RequestUri!.ToString());
            return base.SendAsync(request, ct);
        }
    }

    private static async Task<HttpResponseMessage> PostQueueAsync(HttpClient client, string html, Dictionary<string, string> fields)
    {
        fields["_handler"] = "queue-search";
        fields["__RequestVerificationToken"] = PageSession.Antiforgery(html);
        return await client.PostAsync("/cong-viec", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_staff_journey_of_a_search_by_id_number_puts_it_in_no_url_and_no_log()
    {
        var id = NewIdNumber();
        var urls = new List<string>();
        using var recording = App.Logs.Record();
        var codes = new List<string>();
        for (var i = 0; i < 21; i++) codes.Add(Code(await ReceiveAsync(MaritalStatus, applicant: Applicant("Lý Thị Tìm", id))));
        codes.Reverse(); // newest first

        using var client = App.CreateDefaultClient(new Uri("http://localhost"), new RecordingHandler(urls), new CookieContainerHandler());
        var signIn = await PageSession.PostSignInAsync(client, "officer", MotCuaApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var queue = await client.GetStringAsync("/cong-viec");
        Assert.Contains("name=\"Search.Q\"", queue);

        // Without the anti-forgery token the post is refused.
        var forged = await client.PostAsync("/cong-viec", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "queue-search", ["Search.View"] = "unit", ["Search.Q"] = id,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The search by ID number is answered to the post itself: 20 rows, then the next page by a button of the same form.
        var found = await PostQueueAsync(client, queue, new() { ["Search.View"] = "unit", ["Search.Q"] = id, ["Search.Status"] = "" });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var html = await found.Content.ReadAsStringAsync();
        Assert.All(codes.Take(20), c => Assert.Contains($">{c}</a>", html));
        Assert.DoesNotContain($">{codes[20]}</a>", html);
        Assert.Contains("form=\"queue-search\" name=\"Search.Page\" value=\"2\"", html);
        Assert.DoesNotContain($"q={id}", html); // no link carries it
        var next = await PostQueueAsync(client, html, new() { ["Search.View"] = "unit", ["Search.Q"] = id, ["Search.Page"] = "2" });
        var second = await next.Content.ReadAsStringAsync();
        Assert.Contains($">{codes[20]}</a>", second);
        Assert.DoesNotContain($">{codes[0]}</a>", second);

        // A search by name goes back to the page's (shareable) link.
        var byName = await PostQueueAsync(client, second, new() { ["Search.View"] = "unit", ["Search.Q"] = "Lý Thị Tìm", ["Search.Due"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, byName.StatusCode);
        Assert.Equal("/cong-viec?view=unit&q=L%C3%BD%20Th%E1%BB%8B%20T%C3%ACm", byName.Headers.Location!.PathAndQuery);
        Assert.Contains($">{codes[0]}</a>", await client.GetStringAsync(byName.Headers.Location!.PathAndQuery));

        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.DoesNotContain(id, u));
        var logs = recording.Messages;
        Assert.Contains(logs, m => m.Contains("Request starting", StringComparison.Ordinal) && m.Contains("/cong-viec", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains("/cong-viec?view=unit&q=", StringComparison.Ordinal)); // the request logging prints queries
        Assert.DoesNotContain(logs, m => m.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_with_an_id_number_does_not_search_by_it()
    {
        var id = NewIdNumber();
        await ReceiveAsync(MaritalStatus, applicant: Applicant("Lý Văn Liên", id));
        using var officer = await PageSession.SignedInAsync(App, "officer");
        var html = await officer.GetStringAsync($"/cong-viec?view=unit&q={id}");
        Assert.Contains("id=\"id-number-in-link\"", html);
        Assert.Contains("Số định danh không được tìm qua đường dẫn", html);
        Assert.DoesNotContain($"value=\"{id}\"", html);
        Assert.DoesNotContain($"q={id}", html);
    }
}

[Collection(SqliteCollection.Name)] public sealed class IdNumberSearchTests_Sqlite(SqliteApp app) : IdNumberSearchTests(app);
[Collection(PostgresCollection.Name)] public sealed class IdNumberSearchTests_Postgres(PostgresApp app) : IdNumberSearchTests(app);
