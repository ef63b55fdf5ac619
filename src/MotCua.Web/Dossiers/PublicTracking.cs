using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Tracking without login: the code and the applicant's ID number together. Only status and dates come back, never
/// personal data; a wrong pair is a plain 404 (the same as an unknown code) and the endpoint is rate limited.
/// </summary>
public static class PublicTracking
{
    public sealed record Response(string Code, string ProcedureCode, string ProcedureName, string Status, string StatusText,
        DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, bool ClockStopped, DateTimeOffset? CompletedAt, DateTimeOffset? ReturnedAt,
        string? AssistedConsentMethod = null, DateTimeOffset? AssistedConsentGivenAt = null);

    public sealed record LookupRequest(string? IdNumber);

    private sealed record Found(string Code, string ProcedureCode, int ProcedureVersionId, DossierStatus Status, DateTimeOffset ReceivedAt,
        DateTimeOffset DueAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClockStoppedAt, DateTimeOffset? ReturnedAt, FoundConsent? Consent);

    private sealed record FoundConsent(MotCua.Data.Entities.AssistedConsentMethod Method, DateTimeOffset? GivenAt);

    /// <summary>
    /// The one read of a lookup, compiled once per provider (the busiest public query: no expression-tree walk or query-cache
    /// lookup per request; EF binds a compiled query to the first context's provider, hence one per provider): the dossier
    /// by code and the keyed hash of the ID number, with the consent of an assisted submission.
    /// </summary>
    private static Func<MotCuaDbContext, string, string, CancellationToken, Task<Found?>> CompileLookup() => EF.CompileAsyncQuery(
        (MotCuaDbContext db, string code, string hash, CancellationToken ct) => db.Dossiers.AsNoTracking()
            .Where(x => x.Code == code && EF.Property<string>(x, MotCuaDbContext.ApplicantIdHash) == hash)
            .Select(x => new Found(x.Code, x.ProcedureCode, x.ProcedureVersionId, x.Status, x.ReceivedAt, x.DueAt, x.CompletedAt,
                x.ClockStoppedAt, x.ReturnedAt,
                db.AssistedConsents.Where(c => c.DossierCode == x.Code && c.GivenAt != null)
                    .Select(c => new FoundConsent(c.Method, c.GivenAt)).FirstOrDefault()))
            .SingleOrDefault());

    private static readonly Func<MotCuaDbContext, string, string, CancellationToken, Task<Found?>> LookupPostgres = CompileLookup();
    private static readonly Func<MotCuaDbContext, string, string, CancellationToken, Task<Found?>> LookupSqlite = CompileLookup();

    private static Task<Found?> Lookup(MotCuaDbContext db, string code, string hash, CancellationToken ct) =>
        (db.IsPostgres ? LookupPostgres : LookupSqlite)(db, code, hash, ct);

    /// <summary>The API: the ID number comes in the body, never in the URL.</summary>
    public static Task<IResult> LookupAsync(string code, LookupRequest? request, MotCuaDbContext db, ReferenceDataCache reference,
        TimeProvider time, ProblemResults problems, IStringLocalizer<Messages> t, CancellationToken ct) =>
        HandleAsync(code, request?.IdNumber, db, reference, time, problems, t, ct);

    public static async Task<IResult> HandleAsync(string code, string? idNumber, MotCuaDbContext db, ReferenceDataCache reference, TimeProvider time,
        ProblemResults problems, IStringLocalizer<Messages> t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idNumber)) return problems.NotFound("Dossiers.NotFound", code);
        // One indexed read: the pair matches on the keyed hash of the ID number (no decryption, nothing about the number
        // leaks through timing: what is compared is a hash of the caller's input), with the consent of an assisted
        // submission in the same query.
        var d = await Lookup(db, code, MotCuaDbContext.IdNumberHash(idNumber), ct);
        if (d is null) return problems.NotFound("Dossiers.NotFound", code);
        var name = (await reference.VersionAsync(db, d.ProcedureVersionId, ct)).Version.Name;
        var now = time.GetUtcNow();
        var overdue = d.CompletedAt == null && d.ClockStoppedAt == null && !DossierTransitionRules.IsFinal(d.Status) && now > d.DueAt;
        // Submitted by a volunteer: how the person consented and when (no names: the answer carries no personal data).
        var consentMethod = d.Consent is { } c ? AssistedConsents.MethodName(c.Method) : null;
        return Results.Ok(new Response(d.Code, d.ProcedureCode, name, JsonNamingPolicy.CamelCase.ConvertName(d.Status.ToString()),
            t["Status." + d.Status], d.ReceivedAt.ToVietnam(), d.DueAt.ToVietnam(), overdue, d.ClockStoppedAt is not null,
            d.CompletedAt.ToVietnam(), d.ReturnedAt.ToVietnam(), consentMethod, d.Consent?.GivenAt.ToVietnam()));
    }
}
