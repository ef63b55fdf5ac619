using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Data.Seeding;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// Adds a version of a procedure from a day on (today or later): the definition is checked by the catalog rules
/// (<see cref="ProcedureCatalogFile.Validate(ProcedureDefinition, IEnumerable{string})"/>), the previous version ends the
/// day before, and a version already starting on or after that day refuses it. Dossiers already received keep the
/// version they were received under. The same use case for the page and for <c>POST /api/v1/procedures/{code}/versions</c>.
/// </summary>
public sealed class AddProcedureVersion(MotCuaDbContext db, TimeProvider time, IStringLocalizer<Messages> text, ReferenceDataCache cache)
{
    /// <summary>What is wrong with the effective date alone (in the past, or not after every existing version); null when it is fine.</summary>
    public async Task<string?> DateProblemAsync(string code, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        if (effectiveFrom < time.GetUtcNow().LocalDate()) return text["Procedures.EffectiveInPast"].Value;
        var versions = await db.ProcedureVersions.AsNoTracking().Where(p => p.ProcedureCode == code).ToListAsync(ct);
        return LaterVersionExists(versions, effectiveFrom) ? text["Procedures.LaterVersionExists"].Value : null;
    }

    private static bool LaterVersionExists(IEnumerable<ProcedureVersion> versions, DateOnly effectiveFrom) =>
        versions.Any(v => v.EffectiveFrom >= effectiveFrom);

    /// <param name="code">The procedure's code (from the path).</param>
    /// <param name="by">The user name recorded on the new version.</param>
    /// <returns>The new version (201); errors keyed effectiveFrom, definition, definition.code; 404; 409.</returns>
    public async Task<Outcome<ProcedureVersion>> AddAsync(string code, DateOnly effectiveFrom, ProcedureDefinition? definition, string by,
        CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var today = time.GetUtcNow().LocalDate();
        if (effectiveFrom < today) errors.Add("effectiveFrom", text["Procedures.EffectiveInPast"]);
        if (definition is null) errors.Add("definition", text["Validation.Required"]);
        else
        {
            if (definition.Code != code) errors.Add("definition.code", text["Procedures.CodeMismatch"]);
            foreach (var problem in ProcedureCatalogFile.Validate(definition, await db.Fields.Select(f => f.Code).ToListAsync(ct)))
                errors.Add("definition", problem);
        }
        if (errors.Any) return Outcome<ProcedureVersion>.Invalid(errors);

        var versions = await db.ProcedureVersions.Where(p => p.ProcedureCode == code).OrderBy(p => p.EffectiveFrom).ToListAsync(ct);
        if (versions.Count == 0) return Outcome<ProcedureVersion>.Fail(StatusCodes.Status404NotFound, text["Procedures.NotFound", code]);
        if (LaterVersionExists(versions, effectiveFrom))
            return Outcome<ProcedureVersion>.Fail(StatusCodes.Status409Conflict, text["Procedures.LaterVersionExists"]);
        var previous = versions[^1];
        previous.EffectiveTo = effectiveFrom.AddDays(-1);
        var added = ProcedureVersionFactory.Create(definition!, previous.VersionNo + 1, effectiveFrom, time.GetUtcNow(), by);
        db.ProcedureVersions.Add(added);
        try
        {
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
        }
        catch (DbUpdateException)
        {
            // Another administrator added a version at the same moment: the unique (code, version) and (code, day) indexes refuse ours.
            db.ChangeTracker.Clear();
            return Outcome<ProcedureVersion>.Fail(StatusCodes.Status409Conflict, text["Procedures.LaterVersionExists"]);
        }
        return Outcome<ProcedureVersion>.Ok(added, StatusCodes.Status201Created);
    }
}
