using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Every API endpoint, called by every kind of caller: anonymous, a citizen, a volunteer, each staff role of Thới Sơn
/// (An Giang), the An Giang province administrator, an officer of Mỹ Hiệp (Đồng Tháp) and the Đồng Tháp administrator.
/// The table says the status each must get. A dossier of another unit or province is 404 (its existence is not told);
/// a missing role is 403; no sign-in is 401. Bodies are empty (<c>{}</c>), so a caller who passes the checks gets the
/// validation answer (400) and nothing is changed. A new endpoint without a row fails the completeness test.
/// (An endpoint that takes a multipart form answers 415 to a JSON body before any check: routing picks endpoints by
/// content type. Those rows send an empty form.)
/// </summary>
public abstract class EndpointAccessMatrixTests(MotCuaApp app) : ApiTestBase(app)
{
    private static readonly string[] Callers = [Anonymous, "citizen", "volunteer", "officer", "specialist", "leader", "admin", "officer2", "admin2"];
    private const string Anonymous = "-";

    // {D}: a counter dossier of Thới Sơn with one file {F}. {C}: an online dossier of the demo citizen. {M}: an outbox message of {D}.
    //                   method  route (as mapped)                               url                                      anon citizen volunt officer specia leader admin off2 adm2
    private static readonly Row[] Table =
    [
        new("POST", "/api/v1/auth/login",                              "/api/v1/auth/login",                        400, 400, 400, 400, 400, 400, 400, 400, 400),
        new("GET",  "/api/v1/me",                                      "/api/v1/me",                                401, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/units/",                                  "/api/v1/units?parent=91",                   200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/units/{code}",                            "/api/v1/units/30502",                       200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/units/{unitCode}/reception-points",       "/api/v1/units/30502/reception-points",      401, 403, 403, 403, 403, 403, 400, 403, 404),
        new("PUT",  "/api/v1/units/{unitCode}/reception-points/{code}","/api/v1/units/30502/reception-points/30502-02", 401, 403, 403, 403, 403, 403, 400, 403, 404),
        new("PUT",  "/api/v1/units/{unitCode}/agency-code",            "/api/v1/units/30502/agency-code",           401, 403, 403, 403, 403, 403, 400, 403, 404),
        new("GET",  "/api/v1/procedures/",                             "/api/v1/procedures",                        200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/procedures/{code}",                       "/api/v1/procedures/1.004873",               200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/procedures/{code}/versions",              "/api/v1/procedures/1.004873/versions",      200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/procedures/{code}/versions",              "/api/v1/procedures/1.004873/versions",      401, 403, 403, 403, 403, 403, 400, 403, 400),
        new("GET",  "/api/v1/fields",                                  "/api/v1/fields",                            200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/calendar/{year:int}",                     "/api/v1/calendar/2026",                     200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("PUT",  "/api/v1/calendar/{year:int}",                     "/api/v1/calendar/2026",                     401, 403, 403, 403, 403, 403, 400, 403, 400),
        new("POST", "/api/v1/dossiers/",                               "/api/v1/dossiers",                          401, 400, 400, 400, 403, 400, 403, 400, 403),
        new("GET",  "/api/v1/dossiers/",                               "/api/v1/dossiers",                          401, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/dossiers/search",                         "/api/v1/dossiers/search",                   401, 400, 400, 400, 400, 400, 400, 400, 400), // {} has no ID number
        new("GET",  "/api/v1/dossiers/{code}",                         "/api/v1/dossiers/{D}",                      401, 404, 404, 200, 200, 200, 200, 404, 404),
        new("GET",  "/api/v1/dossiers/{code}",                         "/api/v1/dossiers/{C}",                      401, 200, 404, 200, 200, 200, 200, 404, 404),
        new("POST", "/api/v1/dossiers/{code}/actions",                 "/api/v1/dossiers/{D}/actions",              401, 404, 404, 400, 400, 400, 403, 404, 404),
        new("GET",  "/api/v1/dossiers/{code}/history",                 "/api/v1/dossiers/{D}/history",              401, 404, 404, 200, 200, 200, 200, 404, 404),
        new("POST", "/api/v1/dossiers/{code}/documents",               "/api/v1/dossiers/{D}/documents",            401, 404, 404, 400, 400, 400, 403, 404, 404),
        new("GET",  "/api/v1/dossiers/{code}/documents/{id:long}",     "/api/v1/dossiers/{D}/documents/{F}",        401, 404, 404, 200, 200, 200, 200, 404, 404),
        new("GET",  "/api/v1/dossiers/{code}/receipt",                 "/api/v1/dossiers/{D}/receipt",              401, 404, 404, 200, 200, 200, 200, 404, 404),
        new("GET",  "/api/v1/dossiers/{code}/legs",                    "/api/v1/dossiers/{D}/legs",                 401, 404, 404, 200, 200, 200, 200, 404, 404),
        new("POST", "/api/v1/public/dossiers/{code}",                  "/api/v1/public/dossiers/{D}",               404, 404, 404, 404, 404, 404, 404, 404, 404), // {} has no ID number
        new("POST", "/api/v1/consents/code",                           "/api/v1/consents/code",                     401, 403, 400, 403, 403, 403, 403, 403, 403),
        new("POST", "/api/v1/consents/{id:guid}/code",                 "/api/v1/consents/00000000-0000-0000-0000-000000000001/code", 401, 403, 404, 403, 403, 403, 403, 403, 403),
        new("POST", "/api/v1/consents/signature",                      "/api/v1/consents/signature#form",           401, 403, 400, 403, 403, 403, 403, 403, 403),
        new("GET",  "/api/v1/statistics/figures",                      "/api/v1/statistics/figures?unit=30502",     401, 403, 403, 200, 200, 200, 200, 403, 403),
        new("GET",  "/api/v1/statistics/ranking",                      "/api/v1/statistics/ranking?province=91",    401, 403, 403, 403, 403, 403, 200, 403, 403),
        new("GET",  "/api/v1/statistics/export.xlsx",                  "/api/v1/statistics/export.xlsx?unit=30502", 401, 403, 403, 200, 200, 200, 200, 403, 403),
        new("GET",  "/api/v1/statistics/export.csv",                   "/api/v1/statistics/export.csv?unit=30502",  401, 403, 403, 200, 200, 200, 200, 403, 403),
        new("POST", "/api/v1/dossiers/{code}/rating",                  "/api/v1/dossiers/{D}/rating",               401, 404, 404, 400, 403, 400, 403, 404, 404),
        new("GET",  "/api/v1/public/statistics/{unit}",                "/api/v1/public/statistics/30502",           200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/registers/entries",                       "/api/v1/registers/entries?q=nguyen",        401, 403, 403, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/registers/entries/{id:long}",             "/api/v1/registers/entries/0",               401, 403, 403, 404, 404, 404, 404, 404, 404),
        new("POST", "/api/v1/registers/entries/{id:long}/extract-dossier", "/api/v1/registers/entries/0/extract-dossier", 401, 403, 403, 404, 404, 404, 404, 404, 404),
        new("POST", "/api/v1/registers/imports",                       "/api/v1/registers/imports#form",               401, 403, 403, 400, 403, 400, 400, 400, 400),
        new("POST", "/api/v1/registers/pages",                         "/api/v1/registers/pages#form",               401, 403, 403, 400, 400, 400, 400, 400, 400),
        new("GET",  "/api/v1/registers/pages",                         "/api/v1/registers/pages?q=nguyen",          401, 403, 403, 200, 200, 200, 200, 200, 200),
        new("GET",  "/api/v1/registers/pages/{id:long}",               "/api/v1/registers/pages/0",                 401, 403, 403, 404, 404, 404, 404, 404, 404),
        new("GET",  "/api/v1/registers/pages/{id:long}/image",         "/api/v1/registers/pages/0/image",           401, 403, 403, 404, 404, 404, 404, 404, 404),
        new("POST", "/api/v1/registers/pages/{id:long}/entries",       "/api/v1/registers/pages/0/entries",         401, 403, 403, 404, 404, 404, 404, 404, 404),
        new("GET",  "/api/v1/integrations/outbox/",                    "/api/v1/integrations/outbox",               401, 403, 403, 403, 403, 403, 200, 403, 200),
        new("POST", "/api/v1/integrations/outbox/{id:long}/resend",    "/api/v1/integrations/outbox/{M}/resend",    401, 403, 403, 403, 403, 403, 409, 403, 404),
        new("POST", "/api/v1/integrations/outbox/{id:long}/cancel",    "/api/v1/integrations/outbox/0/cancel",      401, 403, 403, 403, 403, 403, 404, 403, 404),
        new("POST", "/api/v1/auth/password",                           "/api/v1/auth/password",                     401, 400, 400, 400, 400, 400, 400, 400, 400),
        new("POST", "/api/v1/accounts/imports",                        "/api/v1/accounts/imports#form",             401, 403, 403, 403, 403, 403, 400, 403, 400),
        new("GET",  "/api/v1/audit/data-access",                       "/api/v1/audit/data-access?dossier={D}",     401, 403, 403, 403, 403, 403, 200, 403, 200),
    ];

    private sealed record Row(string Method, string Route, string Url, params int[] Expected);

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_table_says()
    {
        await App.EnsureUserAsync("admin2", "ProvinceAdmin", null, DongThap);
        var d = Code(await ReceiveAsync(MaritalStatus));
        var c = Code(await ReceiveAsync(MaritalStatus, user: "citizen", channel: "online"));
        var m = App.WithDb(db => db.OutboxMessages.Where(x => x.DossierCode == d).Select(x => x.Id).First());
        long f;
        using (var officer = await App.ClientAsync("officer"))
        using (var file = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 matrix"u8.ToArray()), "file", "giay-to.pdf" } })
        {
            var uploaded = await officer.PostAsync($"/api/v1/dossiers/{d}/documents", file);
            await ExpectAsync(uploaded, HttpStatusCode.Created);
            f = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        }

        var clients = new Dictionary<string, HttpClient>();
        foreach (var caller in Callers) clients[caller] = await App.ClientAsync(caller == Anonymous ? null : caller);
        var wrong = new StringBuilder();
        foreach (var row in Table)
        {
            var url = row.Url.Replace("{D}", d).Replace("{C}", c).Replace("{M}", m.ToString()).Replace("{F}", f.ToString());
            for (var i = 0; i < Callers.Length; i++)
            {
                // "#form": the endpoint takes a multipart form (an empty one); other writes take an empty JSON object.
                var form = url.EndsWith("#form", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), form ? url[..^5] : url);
                if (form) request.Content = new MultipartFormDataContent { { new StringContent(""), "note" } };
                else if (row.Method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await clients[Callers[i]].SendAsync(request);
                if ((int)response.StatusCode != row.Expected[i])
                    wrong.AppendLine($"{row.Method} {url} as {Callers[i]}: {(int)response.StatusCode}, expected {row.Expected[i]}");
            }
        }
        foreach (var client in clients.Values) client.Dispose();
        Assert.True(wrong.Length == 0, "\n" + wrong);
        // Nothing was changed by the calls (empty bodies): the dossier is still as received.
        Assert.Equal("received", Status((await (await App.ClientAsync("officer")).GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{d}"))!));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/procedures")]
    [InlineData("/api/v1/dossiers")] // 401: headers on refusals too
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = await App.ClientAsync();
        using var response = await client.GetAsync(path);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public void Every_api_endpoint_has_a_row_in_the_table()
    {
        var mapped = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var listed = Table.Select(r => $"{r.Method} {r.Route}").ToHashSet();
        Assert.Empty(mapped.Except(listed).Order());
        Assert.Empty(listed.Except(mapped).Order());
    }
}

[Collection(SqliteCollection.Name)] public sealed class EndpointAccessMatrixTests_Sqlite(SqliteApp app) : EndpointAccessMatrixTests(app);
[Collection(PostgresCollection.Name)] public sealed class EndpointAccessMatrixTests_Postgres(PostgresApp app) : EndpointAccessMatrixTests(app);
