using System.Text.Json;
using System.Text.Json.Nodes;

namespace MotCua.Web.Integrations;

/// <summary>
/// Simulated partner systems under <c>/simulators/{partner}/...</c> (only when <c>Integrations:Simulators:Enabled</c>):
/// they take any POST with an <c>Idempotency-Key</c>, record it once per key, and answer <c>{reference}</c>
/// (the civil-status one also <c>registrationNumber</c>, health insurance <c>cardNumber</c>). Switches:
/// <c>POST /simulators/{partner}/mode {mode, field?, delayMs?}</c>; <c>GET /simulators/{partner}/received</c>;
/// <c>DELETE /simulators/{partner}/received</c>.
/// </summary>
public static class PartnerSimulatorEndpoints
{
    public sealed record ModeRequest(string? Mode, string? Field, int? DelayMs);

    public static IEndpointRouteBuilder MapPartnerSimulators(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntegrationOptions>>().Value;
        if (!options.Simulators.Enabled) return app;
        var group = app.MapGroup("/simulators/{partner}").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();

        group.MapPost("/mode", (string partner, ModeRequest request, PartnerSimulators simulators) =>
        {
            if (simulators.Find(partner) is not { } sim) return Results.NotFound();
            if (!Enum.TryParse<SimulatorMode>(request.Mode, ignoreCase: true, out var mode) || int.TryParse(request.Mode, out _))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                    { ["mode"] = [$"one of {string.Join(", ", Enum.GetNames<SimulatorMode>().Select(JsonNamingPolicy.CamelCase.ConvertName))}"] });
            sim.Mode = mode;
            if (!string.IsNullOrWhiteSpace(request.Field)) sim.RejectedField = request.Field;
            if (request.DelayMs is > 0) sim.DelayMs = request.DelayMs.Value;
            return Results.Ok(Describe(sim));
        });
        group.MapGet("/mode", (string partner, PartnerSimulators simulators) =>
            simulators.Find(partner) is { } sim ? Results.Ok(Describe(sim)) : Results.NotFound());
        group.MapGet("/received", (string partner, PartnerSimulators simulators) =>
            simulators.Find(partner) is { } sim
                ? Results.Ok(new { partner = sim.Partner, hits = sim.Hits, duplicates = sim.Duplicates, duplicateKeys = sim.DuplicateKeys(), received = sim.Snapshot() })
                : Results.NotFound());
        group.MapDelete("/received", (string partner, PartnerSimulators simulators) =>
        {
            if (simulators.Find(partner) is not { } sim) return Results.NotFound();
            sim.Clear();
            return Results.NoContent();
        });
        group.MapPost("/{**path}", ReceiveAsync);
        return app;
    }

    private static object Describe(PartnerSimulator sim) =>
        new { partner = sim.Partner, mode = sim.Mode, field = sim.RejectedField, delayMs = sim.DelayMs };

    private static async Task<IResult> ReceiveAsync(string partner, string path, HttpContext http, PartnerSimulators simulators, TimeProvider time)
    {
        if (simulators.Find(partner) is not { } sim) return Results.NotFound();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key))
            return Results.Problem(statusCode: 400, title: "Idempotency-Key header is required");
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: CancellationToken.None);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: "The body is not JSON");
        }
        switch (sim.Mode)
        {
            case SimulatorMode.Down:
                http.Abort();
                return Results.Empty;
            case SimulatorMode.Error500:
                return Results.Problem(statusCode: 500, title: "Simulated partner failure");
            case SimulatorMode.RejectField:
                return Results.ValidationProblem(new Dictionary<string, string[]> { [sim.RejectedField] = ["Trường dữ liệu không hợp lệ (simulated refusal)."] },
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "The partner refuses a field");
            case SimulatorMode.Slow:
                await Task.Delay(sim.DelayMs, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
        }
        var (record, duplicate) = sim.Record(key, path, body, time.GetUtcNow());
        http.Response.Headers["Idempotent-Replayed"] = duplicate ? "true" : "false";
        return partner.ToLowerInvariant() switch
        {
            "civilstatus" => Results.Ok(new { reference = record.Reference, registrationNumber = record.Reference }),
            "healthinsurance" => Results.Ok(new { reference = record.Reference, cardNumber = record.Reference }),
            _ => Results.Ok(new { reference = record.Reference }),
        };
    }
}
