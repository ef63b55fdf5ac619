using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Core.Registers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>
/// Starts a dossier of the catalog's civil-status extract procedure ("Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai
/// sinh", <see cref="ProcedureCode"/>) at the counter from a found entry: the form is filled from the entry, the
/// competent unit is the unit that keeps the book today, and the entry is linked to the dossier in the intake's transaction (<see cref="RegisterEntryLinker"/>).
/// </summary>
public sealed class StartExtractDossier(MotCuaDbContext db, GetRegisterEntry entries, ReceiveDossier intake, RegisterEntryLinker linker,
    TimeProvider time)
{
    public const string ProcedureCode = "2.000635";

    public sealed record Request(ApplicantDto? Applicant, int? Copies, string? ReceptionPointCode);

    public static async Task<IResult> HandleAsync(long id, Request request, HttpContext http, StartExtractDossier start, MotCuaDbContext db,
        ReferenceDataCache reference, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var outcome = await start.StartAsync(id, request, user, ct);
        if (!outcome.Succeeded) return outcome.ToResult(problems, _ => Results.Ok());
        var dto = await GetDossier.ToDtoAsync(outcome.Value!, user, db, reference, start.Now, ct);
        return Results.Created($"/api/v1/dossiers/{dto.Code}", dto);
    }

    internal DateTimeOffset Now => time.GetUtcNow();

    public async Task<Outcome<Dossier>> StartAsync(long id, Request request, CurrentUser user, CancellationToken ct)
    {
        var found = await entries.FindAsync(id, user, ct);
        if (found.Value is not { } entry) return Outcome<Dossier>.Fail(found.Status, found.Message!);
        var bookUnit = await db.Units.AsNoTracking().Where(u => u.Code == entry.BookUnitCode)
            .OrderBy(u => u.EffectiveTo == null ? 1 : 0).ThenByDescending(u => u.EffectiveTo).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var form = FormData(entry, bookUnit ?? entry.BookUnitCode, request.Copies ?? 1);
        var receive = new ReceiveDossier.Request(ProcedureCode, entry.UnitCode, request.ReceptionPointCode, "counter", null, request.Applicant,
            JsonSerializer.SerializeToElement(form));
        linker.Pending = (id, user.UserName);
        Outcome<Dossier> outcome;
        try { outcome = await intake.ReceiveAsync(receive, user, ct); }
        finally { linker.Pending = null; }
        if (!outcome.Succeeded) return outcome;
        RegisterAudit.Add(db, user, RegisterAuditAction.StartDossier, time.GetUtcNow(), outcome.Value!.Code, entryId: id);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>The extract procedure's form, filled from the entry (field keys of the seed catalog).</summary>
    public static JsonObject FormData(LegacyRegisterEntry e, string bookUnitName, int copies) => new()
    {
        ["recordType"] = e.Kind switch
        {
            RegisterKind.Birth => "Giấy khai sinh",
            RegisterKind.Marriage => "Trích lục kết hôn",
            RegisterKind.Death => "Trích lục khai tử",
            _ => "Trích lục hộ tịch khác",
        },
        ["subjectFullName"] = e.FullName,
        ["subjectDateOfBirth"] = e.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["registrationNumber"] = $"Số {e.EntryNumber}, quyển {e.BookNumber}, năm {e.Year}",
        ["registrationDate"] = e.RegisteredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["registeringAuthority"] = $"{bookUnitName} ({e.BookUnitCode})",
        ["copies"] = copies,
    };
}
