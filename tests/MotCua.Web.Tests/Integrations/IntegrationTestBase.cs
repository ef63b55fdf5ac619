using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Integrations;
using MotCua.Data.Entities;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Integrations;

/// <summary>Helpers of the outbox tests: simulator switches over HTTP, waiting for the worker, reading the outbox.</summary>
public abstract class IntegrationTestBase(IntegrationApp app) : ApiTestBase(app), IAsyncLifetime
{
    private static readonly HttpClient SimulatorClient = new();

    public const string BirthBundle = "2.002621";
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task InitializeAsync()
    {
        // The clock jumps backwards between tests: breakers opened in a later "now" would stay open.
        App.Services.GetRequiredService<OutboxDispatcher>().ResetCircuits();
        foreach (var partner in new[] { "portal", "civilStatus", "residence", "healthInsurance" })
            await SetModeAsync(partner, "normal");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Sets the clock (backwards from the real time) and lets a worker round that read the old "now" finish, so it
    /// cannot judge the test's fresh leases and due times by a later time.
    /// </summary>
    protected async Task FreezeClockAsync(int year, int month, int day, int hour)
    {
        App.Clock.SetVietnamTime(year, month, day, hour);
        await Task.Delay(300);
    }

    protected async Task SetModeAsync(string partner, string mode, string? field = null, int? delayMs = null)
    {
        var response = await SimulatorClient.PostAsJsonAsync($"{app.SimulatorUrl}/simulators/{partner}/mode", new { mode, field, delayMs });
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>What the simulated partner recorded (one per idempotency key) and the keys it received more than once.</summary>
    protected async Task<(List<JsonObject> Received, List<string> DuplicateKeys)> SimulatorAsync(string partner)
    {
        var body = (await SimulatorClient.GetFromJsonAsync<JsonObject>($"{app.SimulatorUrl}/simulators/{partner}/received"))!;
        return (body["received"]!.AsArray().Select(r => r!.AsObject()).ToList(),
            body["duplicateKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList());
    }

    protected List<OutboxMessage> Messages(string dossierCode, string? partner = null) => App.WithDb(db =>
        db.OutboxMessages.AsNoTracking().Where(m => m.DossierCode == dossierCode && (partner == null || m.Partner == partner))
            .OrderBy(m => m.Sequence).ToList());

    protected List<DossierLeg> Legs(string dossierCode) => App.WithDb(db =>
        db.DossierLegs.AsNoTracking().Where(l => l.DossierCode == dossierCode).OrderBy(l => l.Id).ToList());

    protected static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}. {state?.Invoke()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Carries a dossier to approved: assign, start, submit, approve.</summary>
    protected async Task<JsonObject> ApproveAsync(JsonObject d)
    {
        d = await ActOkAsync("officer", d, "assign", assignee: "specialist");
        d = await ActOkAsync("specialist", d, "startProcessing");
        d = await ActOkAsync("specialist", d, "submitForApproval", note: "Đủ điều kiện");
        return await ActOkAsync("leader", d, "approve");
    }
}
