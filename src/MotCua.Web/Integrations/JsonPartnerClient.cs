using System.Net;
using System.Text;
using System.Text.Json;
using MotCua.Data.Entities;

namespace MotCua.Web.Integrations;

/// <summary>
/// The common HTTP/JSON behaviour of the partner adapters: POST the message's payload with its <c>Idempotency-Key</c>,
/// read <c>reference</c> from the answer, and classify failures (transient: timeout, connection, 408, 429, 5xx;
/// permanent: other 4xx).
/// </summary>
public abstract class JsonPartnerClient(HttpClient http) : IPartnerClient
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public abstract string Partner { get; }

    /// <summary>The path relative to the partner's base URL.</summary>
    protected abstract string PathFor(OutboxMessage message);

    public async Task<PartnerResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, PathFor(message))
        {
            Content = new StringContent(message.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyHeader, message.IdempotencyKey);
        return await SendClassifiedAsync(http, request, 1000, (response, body) =>
            new PartnerResult(PartnerOutcome.Delivered, ReadReference(body), Final: response.StatusCode != HttpStatusCode.Accepted), ct);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and classifies the outcome as the partner adapters do: a success is what
    /// <paramref name="delivered"/> makes of the answer and its body; timeout, connection failure, 408, 429 and 5xx are
    /// transient; any other status is permanent (its body cut to <paramref name="errorChars"/> in the error).
    /// </summary>
    public static async Task<PartnerResult> SendClassifiedAsync(HttpClient http, HttpRequestMessage request, int errorChars,
        Func<HttpResponseMessage, string, PartnerResult> delivered, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return delivered(response, body);
            var error = $"HTTP {status}: {Truncate(body, errorChars)}";
            return status is 408 or 429 || status >= 500
                ? PartnerResult.Transient(error)
                : new PartnerResult(PartnerOutcome.Permanent, Error: error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return PartnerResult.Transient($"timeout after {http.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return PartnerResult.Transient($"connection: {ex.Message}");
        }
        catch (IOException ex)
        {
            return PartnerResult.Transient($"connection: {ex.Message}");
        }
    }

    private static string? ReadReference(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in new[] { "registrationNumber", "cardNumber", "reference" })
                if (doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                    return Truncate(v.GetString()!, 200);
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>National Public Service Portal: <c>POST dossiers/{code}/events</c>.</summary>
public sealed class NationalPortalClient(HttpClient http) : JsonPartnerClient(http)
{
    public override string Partner => Partners.Portal;
    protected override string PathFor(OutboxMessage message) => $"dossiers/{Uri.EscapeDataString(message.DossierCode)}/events";
}

/// <summary>Civil-status software of the Ministry of Justice: <c>POST registrations</c>; answers the registration number.</summary>
public sealed class CivilStatusClient(HttpClient http) : JsonPartnerClient(http)
{
    public override string Partner => Partners.CivilStatus;
    protected override string PathFor(OutboxMessage message) => "registrations";
}

/// <summary>Residence registration: <c>POST permanent-residence-registrations</c>.</summary>
public sealed class ResidenceClient(HttpClient http) : JsonPartnerClient(http)
{
    public override string Partner => Partners.Residence;
    protected override string PathFor(OutboxMessage message) => "permanent-residence-registrations";
}

/// <summary>Health insurance: <c>POST health-insurance-cards</c>; answers the card number.</summary>
public sealed class HealthInsuranceClient(HttpClient http) : JsonPartnerClient(http)
{
    public override string Partner => Partners.HealthInsurance;
    protected override string PathFor(OutboxMessage message) => "health-insurance-cards";
}
