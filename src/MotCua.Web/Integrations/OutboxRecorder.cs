using System.Text.Json;
using System.Text.Json.Serialization;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Integrations;

/// <summary>
/// Writes the outbox messages and legs of a dossier change into the unit of work that saves the change, so they are
/// committed with it or not at all. Every dossier: receipt, each action and the result to the National Public Service
/// Portal. Civil-status dossiers: a civil-status leg, sent at approval. The linked birth bundle: three legs (civil status,
/// residence, health insurance), sent at approval. A rejected, withdrawn or transferred dossier cancels its waiting legs.
/// </summary>
public sealed class OutboxRecorder(TimeProvider time) : IDossierChangeObserver
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new VietnamDateTimeOffsetConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Received(MotCuaDbContext db, Dossier dossier, ProcedureDefinition procedure)
    {
        var now = time.GetUtcNow();
        // New rows of the intake's save, untracked as the dossier is (MotCuaDbContext.AddUntracked).
        db.AddUntracked(PortalMessage(dossier, OutboxMessageKind.Receipt, "receive", null, now));
        foreach (var partner in LegPartners(dossier.ProcedureCode, procedure.FieldCode))
            db.AddUntracked(new DossierLeg { DossierCode = dossier.Code, Partner = partner, Status = DossierLegStatus.Pending, UpdatedAt = now });
    }

    public void Changed(MotCuaDbContext db, Dossier dossier, DossierAction action, DossierStatus from)
    {
        var now = time.GetUtcNow();
        var kind = action == DossierAction.MarkResultReady ? OutboxMessageKind.Result : OutboxMessageKind.StatusChanged;
        db.OutboxMessages.Add(PortalMessage(dossier, kind, JsonNamingPolicy.CamelCase.ConvertName(action.ToString()), from, now));

        if (action is not (DossierAction.Approve or DossierAction.Reject or DossierAction.Withdraw or DossierAction.Transfer)) return;
        var legs = db.DossierLegs.Where(l => l.DossierCode == dossier.Code && l.Status == DossierLegStatus.Pending).ToList();
        foreach (var leg in legs)
        {
            if (action == DossierAction.Approve)
            {
                // The civil-status registration goes first; the birth bundle's residence and health insurance legs
                // need its registration (the child's personal ID number) and are sent when it is accepted.
                if (leg.Partner != Partners.CivilStatus) continue;
                var legKind = Partners.LegKind(leg.Partner);
                db.OutboxMessages.Add(NewMessage(dossier, leg.Partner, legKind, LegPayload(dossier, leg.Partner, legKind), now));
            }
            else
            {
                leg.Status = DossierLegStatus.Cancelled;
                leg.LastError = $"dossier {JsonNamingPolicy.CamelCase.ConvertName(action.ToString())}";
            }
            leg.UpdatedAt = now;
        }
    }

    /// <summary>
    /// The civil-status software accepted a registration: the dossier's legs that wait for it (the birth bundle's
    /// residence and health insurance) get their messages, carrying the registration number, in the transaction that
    /// records the acceptance.
    /// </summary>
    public static void CivilStatusAccepted(MotCuaDbContext db, OutboxMessage accepted, string? registrationNumber, DateTimeOffset now)
    {
        var waiting = db.DossierLegs.Where(l => l.DossierCode == accepted.DossierCode && l.Partner != Partners.CivilStatus
            && l.Status == DossierLegStatus.Pending).ToList();
        foreach (var leg in waiting)
        {
            var kind = Partners.LegKind(leg.Partner);
            var payload = System.Text.Json.Nodes.JsonNode.Parse(accepted.PayloadJson)!.AsObject();
            payload["kind"] = JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
            payload["civilStatusRegistrationNumber"] = registrationNumber;
            db.OutboxMessages.Add(NewMessage(accepted.DossierCode, accepted.UnitCode, accepted.Sequence, leg.Partner, kind,
                payload.ToJsonString(Json), now));
            leg.UpdatedAt = now;
        }
    }

    /// <summary>The legs behind a dossier of this procedure: none, the civil-status software, or the three of the birth bundle.</summary>
    public static IReadOnlyList<string> LegPartners(string procedureCode, string fieldCode) =>
        procedureCode == Partners.BirthBundleProcedure ? [Partners.CivilStatus, Partners.Residence, Partners.HealthInsurance]
        : fieldCode == Partners.CivilStatusField ? [Partners.CivilStatus]
        : [];

    private static OutboxMessage PortalMessage(Dossier dossier, OutboxMessageKind kind, string action, DossierStatus? from, DateTimeOffset now)
    {
        var last = dossier.History.OrderBy(h => h.Sequence).LastOrDefault();
        var payload = new PortalEvent(dossier.Code, JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), Sequence(dossier), action,
            dossier.ProcedureCode, dossier.UnitCode, dossier.ReceivingUnitCode, dossier.Channel, from, dossier.Status, dossier.Outcome,
            (last?.At ?? now).ToVietnam(), dossier.ReceivedAt.ToVietnam(), dossier.DueAt.ToVietnam(), dossier.CompletedAt.ToVietnam(),
            dossier.ReturnedAt.ToVietnam(), dossier.TransferredTo, last?.Note);
        return NewMessage(dossier, Partners.Portal, kind, JsonSerializer.Serialize(payload, Json), now);
    }

    private static string LegPayload(Dossier dossier, string partner, OutboxMessageKind kind)
    {
        using var form = JsonDocument.Parse(dossier.FormDataJson);
        var a = dossier.Applicant;
        var payload = new LegRequest(dossier.Code, JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), dossier.ProcedureCode,
            dossier.UnitCode, new LegApplicant(a.FullName, a.IdNumber, a.DateOfBirth, a.Phone, a.Email, a.Address),
            form.RootElement.Clone(), dossier.ReceivedAt.ToVietnam());
        return JsonSerializer.Serialize(payload, Json);
    }

    private static OutboxMessage NewMessage(Dossier dossier, string partner, OutboxMessageKind kind, string payload, DateTimeOffset now) =>
        NewMessage(dossier.Code, dossier.UnitCode, Sequence(dossier), partner, kind, payload, now);

    private static OutboxMessage NewMessage(string dossierCode, string unitCode, int sequence, string partner, OutboxMessageKind kind,
        string payload, DateTimeOffset now) => new()
    {
        Partner = partner,
        DossierCode = dossierCode,
        UnitCode = unitCode,
        Kind = kind,
        PayloadJson = payload,
        IdempotencyKey = $"{dossierCode}:{JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())}:{sequence}",
        Sequence = sequence,
        State = OutboxMessageState.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>The change's place in the dossier's history: the sequence of its last control-sheet line.</summary>
    private static int Sequence(Dossier dossier) => dossier.History.Count == 0 ? 1 : dossier.History.Max(h => h.Sequence);

    private sealed record PortalEvent(string DossierCode, string Kind, int Sequence, string Action, string ProcedureCode, string UnitCode,
        string ReceivingUnitCode, IntakeChannel Channel, DossierStatus? FromStatus, DossierStatus Status, DossierOutcome Outcome,
        DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset? CompletedAt, DateTimeOffset? ReturnedAt,
        string? TransferredTo, string? Note);

    private sealed record LegApplicant(string FullName, string IdNumber, DateOnly? DateOfBirth, string? Phone, string? Email, string? Address);

    private sealed record LegRequest(string DossierCode, string Kind, string ProcedureCode, string UnitCode, LegApplicant Applicant,
        JsonElement FormData, DateTimeOffset ReceivedAt);
}
