using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MotCua.Web.Integrations;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Integrations;

/// <summary>
/// The production SMS adapter (<see cref="HttpSmsSender"/>), selected by <c>Sms:Gateway:Url</c>, against a fake gateway on
/// a local Kestrel port (real HTTP): a consent code is posted with the API key and the consent as idempotency key, and the
/// volunteer confirms with the code the person received; a gateway that fails (5xx) or does not answer in time gives the
/// volunteer a clear error (API 503 problem details, a message on the page) and nothing is saved.
/// </summary>
public abstract partial class SmsGatewayTests(SmsGatewayApp app) : ApiTestBase(app)
{
    private FakeSmsGateway Gateway => ((SmsGatewayApp)App).Gateway;

    private static string NewId() => $"0891950{Random.Shared.Next(0, 99999):00000}";
    private static string NewPhone() => $"09130{Random.Shared.Next(0, 99999):00000}";
    private int Consents() => App.WithDb(db => db.AssistedConsents.Count(c => c.VolunteerUserName == "volunteer"));

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task A_consent_code_goes_through_the_gateway_and_confirms_the_consent()
    {
        Gateway.Mode = FakeSmsGateway.Behaviour.Accept;
        Assert.IsType<HttpSmsSender>(App.Services.CreateScope().ServiceProvider.GetRequiredService<ISmsSender>());
        var phone = NewPhone();
        using var volunteer = await App.ClientAsync("volunteer");
        var sent = await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "Đinh Văn Mười", idNumber = NewId(), phone });
        await ExpectAsync(sent, HttpStatusCode.Created);
        var consentId = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var message = Assert.Single(Gateway.Received, m => m.Body.GetProperty("to").GetString() == phone);
        Assert.Equal(FakeSmsGateway.ApiKey, message.ApiKey);
        Assert.Equal(Guid.Parse(consentId).ToString("N"), message.IdempotencyKey);
        Assert.Equal(message.IdempotencyKey, message.Body.GetProperty("reference").GetString());
        Assert.Equal("MOTCUA", message.Body.GetProperty("sender").GetString());
        var code = SixDigits().Match(message.Body.GetProperty("text").GetString()!).Value;
        Assert.Matches(@"^\d{6}$", code);

        var right = await volunteer.PostAsJsonAsync($"/api/v1/consents/{consentId}/code", new { code });
        await ExpectAsync(right, HttpStatusCode.OK);
        Assert.NotNull((await right.Content.ReadFromJsonAsync<JsonObject>())!["givenAt"]);
    }

    [Theory]
    [InlineData(FakeSmsGateway.Behaviour.Fail)]
    [InlineData(FakeSmsGateway.Behaviour.Hang)]
    [InlineData(FakeSmsGateway.Behaviour.WrongKey)]
    public async Task A_gateway_that_fails_or_hangs_gives_a_clear_error_and_nothing_is_saved(FakeSmsGateway.Behaviour behaviour)
    {
        Gateway.Mode = behaviour;
        var before = Consents();
        var phone = NewPhone();
        using var volunteer = await App.ClientAsync("volunteer");
        var clock = Stopwatch.StartNew();
        var refused = await ProblemAsync(await volunteer.PostAsJsonAsync("/api/v1/consents/code", new { personName = "Đinh Văn Mười", idNumber = NewId(), phone }),
            HttpStatusCode.ServiceUnavailable);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(FakeSmsGateway.HangSeconds), $"waited {clock.Elapsed} for a hanging gateway");
        Assert.Equal("Dịch vụ liên kết tạm thời không phản hồi", refused["title"]!.GetValue<string>());
        Assert.Contains("không gửi được mã xác nhận", refused["detail"]!.GetValue<string>());
        Assert.Contains("chưa có gì được lưu", refused["detail"]!.GetValue<string>());
        Assert.Contains(Gateway.Received, m => m.Body.GetProperty("to").GetString() == phone); // it was tried
        Assert.Equal(before, Consents());

        // The page says the same, in place of the form.
        using var page = await PageSession.SignedInAsync(App, "volunteer");
        var url = $"/nop-ho-so/{BirthRegistration}/dong-y";
        var token = PageForms.Antiforgery(await page.GetStringAsync(url));
        var answer = await page.PostAsync(url, new FormUrlEncodedContent([
            new("_handler", "consent"), new("__RequestVerificationToken", token), new("how", "code"),
            new("personName", "Đinh Văn Mười"), new("idNumber", NewId()), new("phone", NewPhone())]));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Tổng đài tin nhắn không gửi được mã xác nhận", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        Assert.Equal(before, Consents());
    }
}

/// <summary>
/// A stand-in SMS gateway on a Kestrel port of its own: checks the API key, records what it is sent, and answers as
/// <see cref="Mode"/> says (accept, 503, hang past the adapter's timeout).
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "test-gateway-key";
    public const string KeyHeader = "X-Gateway-Key";
    public const int HangSeconds = 5;

    public enum Behaviour { Accept, Fail, Hang, WrongKey }

    public sealed record Message(string? ApiKey, string? IdempotencyKey, JsonElement Body);

    private readonly ConcurrentQueue<Message> _received = new();
    private WebApplication? _app;

    public volatile Behaviour Mode = Behaviour.Accept;
    public IReadOnlyList<Message> Received => [.. _received];
    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/messages", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            _received.Enqueue(new Message(http.Request.Headers[KeyHeader].ToString(), http.Request.Headers["Idempotency-Key"].ToString(), body));
            if (Mode == Behaviour.Hang) await Task.Delay(TimeSpan.FromSeconds(HangSeconds));
            if (Mode == Behaviour.Fail) return Results.Json(new { error = "upstream unavailable" }, statusCode: 503);
            if (Mode == Behaviour.WrongKey || http.Request.Headers[KeyHeader] != ApiKey) return Results.Json(new { error = "bad key" }, statusCode: 401);
            return Results.Json(new { id = Guid.NewGuid() }, statusCode: 202);
        });
        await _app.StartAsync();
        Url = _app.Urls.Single().TrimEnd('/') + "/v1/messages";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>A test host whose SMS partner is the HTTP adapter, pointed at a <see cref="FakeSmsGateway"/>.</summary>
public abstract class SmsGatewayApp : MotCuaApp
{
    public FakeSmsGateway Gateway { get; } = new();

    public override async Task InitializeAsync()
    {
        await Gateway.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:Gateway:Url", Gateway.Url);
        builder.UseSetting("Sms:Gateway:ApiKey", FakeSmsGateway.ApiKey);
        builder.UseSetting("Sms:Gateway:ApiKeyHeader", FakeSmsGateway.KeyHeader);
        builder.UseSetting("Sms:Gateway:Sender", "MOTCUA");
        builder.UseSetting("Sms:Gateway:TimeoutSeconds", "1");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

public sealed class SqliteSmsGatewayApp : SmsGatewayApp
{
    public override string Provider => "Sqlite";
}

public sealed class PostgresSmsGatewayApp : SmsGatewayApp
{
    public override string Provider => "Postgres";
}

public sealed class SmsGatewayTests_Sqlite(SqliteSmsGatewayApp app) : SmsGatewayTests(app), IClassFixture<SqliteSmsGatewayApp>;
public sealed class SmsGatewayTests_Postgres(PostgresSmsGatewayApp app) : SmsGatewayTests(app), IClassFixture<PostgresSmsGatewayApp>;
