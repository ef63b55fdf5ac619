using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Intake: online (citizen or volunteer), at the counter, by post, or back-entry of a paper dossier with its real receipt
/// time. Any reception point of the province receives for any unit of the province; the dossier is routed to the competent unit.
/// The code, the dossier and its first history line are saved in one transaction.
/// </summary>
public sealed class ReceiveDossier(MotCuaDbContext db, CalendarProvider calendars, ReferenceDataCache reference, TimeProvider time,
    ProblemResults problems, IEnumerable<IDossierChangeObserver> observers, AssistedConsents consents, ILogger<ReceiveDossier> log)
{
    /// <param name="PapersChecked">At the counter (not online): the required-document codes whose papers were checked as received.</param>
    /// <param name="ConsentId">A volunteer's online submission: the consent the person gave (<see cref="AssistedConsents"/>).</param>
    public sealed record Request(string? ProcedureCode, string? UnitCode, string? ReceptionPointCode, string? Channel,
        DateTimeOffset? ReceivedAt, ApplicantDto? Applicant, JsonElement? FormData, IReadOnlyList<string>? PapersChecked = null,
        Guid? ConsentId = null);

    /// <summary>How far back a back-entry may go.</summary>
    public static readonly TimeSpan BackEntryLimit = TimeSpan.FromDays(90);

    /// <summary>The request header that carries the client's idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The response header of a repeat answered with the dossier the first request made.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The hidden field of the portal's and the counter's intake forms that carries the form's idempotency key.</summary>
    public const string KeyFormField = "intake-key";

    /// <summary>The idempotency key a page's form posted, or null when it posted none or a malformed one.</summary>
    public static string? PostedKey(IFormCollection form) => form[KeyFormField].ToString() is var key && IntakeKeyRules.IsValid(key) ? key : null;

    /// <summary>
    /// Whether the intake was refused because its idempotency key had already made a dossier from another request
    /// (<see cref="RefuseReusedKey"/>, the only 422 of <see cref="ReceiveAsync"/>): on a page, a form reopened with the
    /// browser's Back button and changed. The page, which draws a fresh key on every display, says so in the user's words
    /// and keeps what was typed.
    /// </summary>
    public static bool KeyReused(Outcome<Dossier> outcome) => outcome.Status == KeyReusedStatus;

    private const int KeyReusedStatus = StatusCodes.Status422UnprocessableEntity;

    private Outcome<Dossier> RefuseReusedKey() => problems.Fail<Dossier>(KeyReusedStatus, "Dossiers.IdempotencyKeyReused");

    /// <summary>
    /// The required documents whose files a page must not attach again: none for a new dossier (201), those that already
    /// have a file for a repeat (200), whose first sending attached its files or, abandoned by the browser, only some.
    /// </summary>
    public static IReadOnlySet<string> AlreadyAttached(Outcome<Dossier> outcome) =>
        outcome.Status == StatusCodes.Status201Created ? new HashSet<string>() : HandedInDocuments.WithFile(outcome.Value!);

    /// <summary>
    /// The API endpoint: 201 with the dossier, or problem details. With an <c>Idempotency-Key</c> header, a repeat of the
    /// same request by the same account gets 200 with the dossier the first one made (and <c>Idempotent-Replayed: true</c>).
    /// </summary>
    public static async Task<IResult> HandleAsync(Request request, HttpContext http, ReceiveDossier intake, MotCuaDbContext db,
        ReferenceDataCache reference, TimeProvider time, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var key = http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values) ? values.ToString() : null;
        var outcome = await intake.ReceiveAsync(request, user, ct, key);
        if (!outcome.Succeeded) return outcome.ToResult(problems, _ => Results.Ok());
        // Only a volunteer's intake, which names the consent it uses, makes an assisted dossier.
        var dto = await GetDossier.ToDtoAsync(outcome.Value!, user, db, reference, time.GetUtcNow(), ct, notAssisted: request.ConsentId is null);
        if (outcome.Status == StatusCodes.Status201Created) return Results.Created($"/api/v1/dossiers/{dto.Code}", dto);
        http.Response.Headers[ReplayedHeader] = "true";
        return Results.Ok(dto);
    }

    /// <param name="idempotencyKey">The client's key for this request (<see cref="IntakeKey"/>): a repeat with the same key
    /// and the same request gets the dossier the first one made, with status 200 instead of 201; with another request, 422.</param>
    public async Task<Outcome<Dossier>> ReceiveAsync(Request request, CurrentUser user, CancellationToken ct, string? idempotencyKey = null)
    {
        var t = problems.Text;
        var now = time.GetUtcNow().ToStoredPrecision();
        var errors = new ValidationErrors();

        if (!Enum.GetValues<IntakeChannel>().Any(c => MayReceiveBy(user, c)))
            return problems.Fail<Dossier>(StatusCodes.Status403Forbidden, "Dossiers.MayNotReceive");
        string? requestHash = null;
        if (idempotencyKey is not null)
        {
            if (!IntakeKeyRules.IsValid(idempotencyKey))
            {
                errors.Add("idempotencyKey", t["Dossiers.IdempotencyKeyInvalid", IntakeKeyRules.MaxLength]);
                return Outcome<Dossier>.Invalid(errors);
            }
            requestHash = RequestHash(request);
            if (await ReplayAsync(user, idempotencyKey, requestHash, ct) is { } replay) return replay;
        }
        if (!TryParseChannel(request.Channel, out var channel))
            errors.Add("channel", t["Dossiers.ChannelInvalid"]);
        else if (!MayReceiveBy(user, channel))
            return problems.Fail<Dossier>(StatusCodes.Status403Forbidden, "Dossiers.ChannelNotAllowedForRole", t["Channel." + channel]);
        var receivedAt = now;
        if (channel == IntakeChannel.BackEntry)
        {
            if (request.ReceivedAt is not { } at) errors.Add("receivedAt", t["Dossiers.ReceivedAtRequired"]);
            else if (at > now) errors.Add("receivedAt", t["Dossiers.ReceivedAtInFuture"]);
            else if (now - at > BackEntryLimit) errors.Add("receivedAt", t["Dossiers.ReceivedAtTooOld", BackEntryLimit.Days]);
            else receivedAt = at.ToUniversalTime().ToStoredPrecision();
        }
        else if (request.ReceivedAt is not null)
            errors.Add("receivedAt", t["Dossiers.ReceivedAtOnlyBackEntry"]);

        // Procedure version in force on the receipt day.
        var cached = string.IsNullOrWhiteSpace(request.ProcedureCode) ? null
            : await reference.VersionOnAsync(db, request.ProcedureCode.Trim(), receivedAt.LocalDate(), ct);
        var version = cached?.Version;
        if (string.IsNullOrWhiteSpace(request.ProcedureCode)) errors.Add("procedureCode", t["Validation.Required"]);
        else if (version is null) errors.Add("procedureCode", t["Procedures.NotFound", request.ProcedureCode]);
        var definition = cached?.Definition;

        // Competent unit, and the receiving unit (the officer's unit, or the competent unit for online submission).
        var unit = string.IsNullOrWhiteSpace(request.UnitCode) ? null : await reference.CurrentUnitAsync(db, request.UnitCode.Trim(), ct);
        if (string.IsNullOrWhiteSpace(request.UnitCode)) errors.Add("unitCode", t["Validation.Required"]);
        else if (unit is null) errors.Add("unitCode", t["Units.NotFound", request.UnitCode]);
        // Commune-level units settle (or receive and transfer) every procedure of the catalog; a province is not a desk.
        else if (unit.Kind == AdministrativeUnitKind.Province) errors.Add("unitCode", t["Dossiers.UnitNotCommuneLevel"]);
        var unitProvince = unit is null ? null : unit.ParentCode ?? unit.Code;

        var receivingUnitCode = unit?.Code;
        string? receptionPointCode = null;
        if (channel is IntakeChannel.Counter or IntakeChannel.Post or IntakeChannel.BackEntry && user.IsStaff)
        {
            receivingUnitCode = user.UnitCode;
            if (unit is not null && user.ProvinceCode != unitProvince)
                errors.Add("unitCode", t["Dossiers.UnitOutsideProvince"]);
            var points = db.ReceptionPoints.AsNoTracking().Where(r => r.UnitCode == user.UnitCode && r.IsActive);
            if (!string.IsNullOrWhiteSpace(request.ReceptionPointCode))
            {
                receptionPointCode = await points.Where(r => r.Code == request.ReceptionPointCode.Trim()).Select(r => r.Code).SingleOrDefaultAsync(ct);
                if (receptionPointCode is null) errors.Add("receptionPointCode", t["Dossiers.ReceptionPointNotOfUnit"]);
            }
            else
                receptionPointCode = await points.OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct);
        }
        else if (!string.IsNullOrWhiteSpace(request.ReceptionPointCode))
            errors.Add("receptionPointCode", t["Dossiers.ReceptionPointOnlyAtCounter"]);

        // Online rules: the procedure must be offered online and the account's e-ID level high enough.
        if (channel == IntakeChannel.Online && definition is not null)
        {
            if (definition.OnlineLevel == OnlineLevel.None)
                errors.Add("channel", t["Dossiers.NotOfferedOnline"]);
            else if (user.Is(Roles.Citizen) && user.EidLevel < definition.MinEidLevel)
                return problems.Fail<Dossier>(StatusCodes.Status403Forbidden, "Dossiers.EidLevelTooLow", definition.MinEidLevel, user.EidLevel);
        }

        var papers = request.PapersChecked?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList() ?? [];
        if (papers.Count > 0 && channel == IntakeChannel.Online) errors.Add("papersChecked", t["Dossiers.PapersCheckedOnlyByStaff"]);
        else if (definition is not null)
            foreach (var unknown in papers.Where(c => definition.RequiredDocuments.All(r => r.Code != c)))
                errors.Add("papersChecked", t["Documents.UnknownRequiredDocument", unknown]);

        var applicant = ApplicantValidation.Validate(request.Applicant, errors, t, receivedAt.LocalDate());
        var formDataJson = definition is null ? "{}" : FormDataValidation.Validate(definition, request.FormData, errors, t);
        // A volunteer submits for someone else: only with that person's recorded consent.
        var assisted = channel == IntakeChannel.Online && user.Is(Roles.Volunteer) && !user.Is(Roles.Citizen);
        var consent = assisted ? await consents.CheckForIntakeAsync(user, request.ConsentId, request.Applicant?.IdNumber, errors, ct) : null;
        if (!assisted && request.ConsentId is not null) errors.Add("consentId", t["Consent.OnlyVolunteer"]);
        if (errors.Any) return Outcome<Dossier>.Invalid(errors);

        var receivingUnit = await reference.CurrentUnitAsync(db, receivingUnitCode!, ct)
            ?? throw new InvalidOperationException($"Unit {receivingUnitCode} is not a current unit.");
        if (receivingUnit.AgencyCode is null)
            return problems.Fail<Dossier>(StatusCodes.Status409Conflict, "Dossiers.UnitHasNoAgencyCode", receivingUnit.Name);

        var calendar = await calendars.GetAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        Dossier? dossier = null;
        // The codes this call's own attempts drew: when the connection drops after a COMMIT went through, the execution
        // strategy runs the intake again, and the key then names this call's own first attempt, not an earlier request.
        var ownCodes = new List<string>();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var code = await DossierCodeGenerator.NextAsync(db, receivingUnit.AgencyCode, receivedAt.LocalDate(), ct);
                ownCodes.Add(code);
                dossier = Dossier.Receive(new DossierIntake(code, version!.Id, version.ProcedureCode, definition!.ProcessingDays,
                    definition.ReceiptCutoff, unit!.Code, receivingUnit.Code, receptionPointCode, channel, receivedAt, applicant!,
                    formDataJson, user.Is(Roles.Citizen) ? user.UserName : null, user.UserName, papers), calendar, now);
                await db.AddReceivedDossierAsync(dossier, ct); // may draw a block of ids (DossierIdBlocks)
                if (idempotencyKey is not null)
                    db.AddUntracked(new IntakeKey { UserName = user.UserName, Key = idempotencyKey, DossierCode = code, RequestHash = requestHash!, CreatedAt = now });
                foreach (var observer in observers) observer.Received(db, dossier, definition);
                if (consent is null)
                {
                    await db.SaveChangesAndCommitAsync(tx, ct); // on PostgreSQL the COMMIT goes with the save's one command
                    return;
                }
                await db.SaveChangesAsync(ct);
                if (!await AssistedConsents.UseAsync(db, consent.Id, code, ct)) throw new ConsentTakenException();
                await tx.CommitAsync(ct);
            });
        }
        catch (DossierRuleException ex)
        {
            return problems.Refused<Dossier>(ex);
        }
        catch (ConsentTakenException)
        {
            return problems.Fail<Dossier>(StatusCodes.Status409Conflict, "Consent.AlreadyUsed");
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A repeat with the same key committed first (the key's primary key refused this one): answer as it was answered.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(user, idempotencyKey, requestHash!, ct) is { } replay)
                return replay.Value is { } made && ownCodes.Contains(made.Code) ? Outcome<Dossier>.Ok(made, StatusCodes.Status201Created) : replay;
            throw;
        }
        log.LogInformation("Dossier {Code} received by {User} via {Channel} for unit {Unit}", dossier!.Code, user.UserName, channel, unit!.Code);
        return Outcome<Dossier>.Ok(dossier, StatusCodes.Status201Created);
    }

    /// <summary>The dossier an earlier request with this key made, or a refusal when that request was another; null when the key is new.</summary>
    private async Task<Outcome<Dossier>?> ReplayAsync(CurrentUser user, string key, string requestHash, CancellationToken ct)
    {
        var earlier = await KeyOf(user, key).Select(k => new { k.DossierCode, k.RequestHash }).SingleOrDefaultAsync(ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != requestHash) return RefuseReusedKey();
        // Only while the account may still see it (an officer moved to another unit gets no applicant data back).
        var dossier = await db.Dossiers.VisibleTo(db, user).AsNoTracking().AsSplitQuery().Include(d => d.Documents).Include(d => d.ApologySlips)
            .SingleOrDefaultAsync(d => d.Code == earlier.DossierCode, ct);
        if (dossier is null) return RefuseReusedKey();
        log.LogInformation("Intake repeated by {User} with an idempotency key: answered with dossier {Code}", user.UserName, dossier.Code);
        return Outcome<Dossier>.Ok(dossier, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The code of the dossier an earlier request of this account made with <paramref name="key"/>, or null: for a page that
    /// must answer a form sent again before it can build the request (a volunteer's form, whose consent the first sending used).
    /// </summary>
    public Task<string?> DossierOfKeyAsync(CurrentUser user, string key, CancellationToken ct) =>
        KeyOf(user, key).Select(k => k.DossierCode).SingleOrDefaultAsync(ct);

    private IQueryable<IntakeKey> KeyOf(CurrentUser user, string key) =>
        db.IntakeKeys.AsNoTracking().Where(k => k.UserName == user.UserName && k.Key == key);

    /// <summary>SHA-256 (hex) of the request as JSON: the same request sent again hashes the same.</summary>
    private static string RequestHash(Request request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    private static bool TryParseChannel(string? value, out IntakeChannel channel)
    {
        channel = default;
        return !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && Enum.TryParse(value, ignoreCase: true, out channel)
            && Enum.IsDefined(channel);
    }

    private static bool MayReceiveBy(CurrentUser user, IntakeChannel channel) => channel switch
    {
        IntakeChannel.Online => user.Is(Roles.Citizen) || user.Is(Roles.Volunteer),
        _ => user.Is(Roles.Officer) || user.Is(Roles.Leader),
    };
}

/// <summary>Another submission used the consent between the check and the save: the transaction is rolled back.</summary>
internal sealed class ConsentTakenException : Exception;
