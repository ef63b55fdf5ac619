using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Enumerating dossier codes on public tracking: a client address gets <see cref="LimitedApp.PerMinute"/> lookups a
/// minute; the next is 429 with problem details in its language and Retry-After, whatever code or ID number it tries,
/// and on the tracking page too (the same limit). Another address is not affected. A host of its own with low limits
/// (the shared test hosts lift them).
/// </summary>
public abstract class EnumerationLimitTests(MotCuaApp app) : ApiTestBase(app)
{
    private static HttpRequestMessage Lookup(string code, string idNumber, string address, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/dossiers/{Uri.EscapeDataString(code)}")
        {
            Content = JsonContent.Create(new { idNumber }),
        };
        request.Headers.Add(ClientAddressFilter.Header, address);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Fact]
    public async Task The_lookup_after_the_limit_is_429_with_problem_details_whatever_the_code()
    {
        var code = Code(await ReceiveAsync(MaritalStatus));
        using var client = await App.ClientAsync();
        const string address = "203.0.113.7";
        for (var i = 0; i < LimitedApp.PerMinute; i++)
        {
            // Guessing different codes (and a real one): each answers normally until the limit.
            var guess = i == 0 ? code : code[..^4] + (9000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var response = await client.SendAsync(Lookup(guess, "091095001234", address));
            Assert.Equal(i == 0 ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var refused = await client.SendAsync(Lookup(code[..^4] + "8888", "091095001234", address, "en")))
        {
            var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Equal(429, problem["status"]!.GetValue<int>());
            Assert.Equal("Too many requests", problem["title"]!.GetValue<string>());
            Assert.Contains("Too many attempts", problem["detail"]!.GetValue<string>());
            Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        }
        // The right pair does not get through either, nor the tracking page from the same address.
        using (var right = await client.SendAsync(Lookup(code, "091095001234", address)))
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/tra-cuu"))
        {
            page.Headers.Add(ClientAddressFilter.Header, address);
            using var answer = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.Contains("Bạn đã thử quá nhiều lần", await answer.Content.ReadAsStringAsync());
        }
        // Another client address still gets its answers.
        using var other = await client.SendAsync(Lookup(code, "091095001234", "203.0.113.8"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>A request from <paramref name="peer"/> (the TCP peer) that says it forwards for <paramref name="forwardedFor"/>.</summary>
    private static HttpRequestMessage Via(HttpRequestMessage request, string peer, string? forwardedFor)
    {
        request.Headers.Remove(ClientAddressFilter.Header);
        request.Headers.Add(ClientAddressFilter.Header, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    [Fact]
    public async Task X_forwarded_for_from_the_known_proxy_is_the_client_address_and_from_anyone_else_is_ignored()
    {
        var code = Code(await ReceiveAsync(MaritalStatus));
        using var client = await App.ClientAsync();
        // Through the proxy: the limit counts the client it forwards for, not the proxy.
        for (var i = 0; i < LimitedApp.PerMinute; i++)
        {
            using var response = await client.SendAsync(Via(Lookup(code, "091095001234", "0.0.0.0"), LimitedApp.Proxy, "198.51.100.77"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var refused = await client.SendAsync(Via(Lookup(code, "091095001234", "0.0.0.0"), LimitedApp.Proxy, "198.51.100.77")))
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using (var direct = await client.SendAsync(Lookup(code, "091095001234", "198.51.100.77")))
            Assert.Equal(HttpStatusCode.TooManyRequests, direct.StatusCode); // the same client, without the proxy
        using (var another = await client.SendAsync(Via(Lookup(code, "091095001234", "0.0.0.0"), LimitedApp.Proxy, "198.51.100.78")))
            Assert.Equal(HttpStatusCode.OK, another.StatusCode); // another client behind the same proxy

        // From an address that is not a known proxy the header is ignored: a new X-Forwarded-For each time does not help.
        for (var i = 0; i < LimitedApp.PerMinute; i++)
        {
            using var response = await client.SendAsync(Via(Lookup(code, "091095001234", "0.0.0.0"), "203.0.113.50", $"198.51.100.{100 + i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var spoofed = await client.SendAsync(Via(Lookup(code, "091095001234", "0.0.0.0"), "203.0.113.50", "198.51.100.200")))
            Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);

        // The audit's "from where" is the same address.
        using var officer = await App.ClientAsync("officer");
        using (var read = await officer.SendAsync(Via(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dossiers/{code}"), LimitedApp.Proxy, "198.51.100.33")))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var read = await officer.SendAsync(Via(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dossiers/{code}"), "203.0.113.51", "198.51.100.34")))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var addresses = App.WithDb(db => db.DataAccessAudit.Where(a => a.DossierCode == code && a.UserName == "officer")
            .OrderBy(a => a.Id).Select(a => a.ClientIp).ToList());
        Assert.Equal(["198.51.100.33", "203.0.113.51"], addresses.TakeLast(2));
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address_too()
    {
        using var client = await App.ClientAsync();
        const string address = "198.51.100.20";
        for (var i = 0; i < LimitedApp.PerMinute; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { userName = "nobody-" + i, password = "x" }) };
            request.Headers.Add(ClientAddressFilter.Header, address);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var last = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { userName = "officer", password = MotCuaApp.Password }) };
        last.Headers.Add(ClientAddressFilter.Header, address);
        await ProblemAsync(await client.SendAsync(last), HttpStatusCode.TooManyRequests);
    }
}

/// <summary>
/// A test host with the production-like low limits on public tracking and sign-in, behind a reverse proxy at
/// <see cref="Proxy"/> (Network:KnownProxies).
/// </summary>
public abstract class LimitedApp : MotCuaApp
{
    public const int PerMinute = 5;
    public const string Proxy = "10.0.0.10";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Network:KnownProxies", Proxy);
        builder.UseSetting("RateLimits:LoginPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:PublicTrackingPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class LimitedSqliteApp : LimitedApp
{
    public override string Provider => "Sqlite";
}

public sealed class LimitedPostgresApp : LimitedApp
{
    public override string Provider => "Postgres";
}

public sealed class EnumerationLimitTests_Sqlite(LimitedSqliteApp app) : EnumerationLimitTests(app), IClassFixture<LimitedSqliteApp>;
public sealed class EnumerationLimitTests_Postgres(LimitedPostgresApp app) : EnumerationLimitTests(app), IClassFixture<LimitedPostgresApp>;
