using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Calendar;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// One action on a dossier through <see cref="Dossier.Apply"/>: the transition is checked, the history line appended and the
/// version bumped in the same save. Of two requests on the same version, one wins and the other gets 409.
/// </summary>
public sealed class ActOnDossier(MotCuaDbContext db, CalendarProvider calendars, UserManager<AppUser> users, TimeProvider time,
    ProblemResults problems, IEnumerable<IDossierChangeObserver> observers, ILogger<ActOnDossier> log)
{
    public sealed record Request(string? Action, int? Version, string? Note, string? Assignee, DateTimeOffset? NewDueAt, string? TargetAgency);

    public static async Task<IResult> HandleAsync(string code, Request request, HttpContext http, ActOnDossier act, MotCuaDbContext db,
        ReferenceDataCache reference, TimeProvider time, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var outcome = await act.ActAsync(code, request, user, ct);
        if (!outcome.Succeeded) return outcome.ToResult(problems, _ => Results.Ok());
        return Results.Ok(await GetDossier.ToDtoAsync(outcome.Value!, user, db, reference, time.GetUtcNow(), ct));
    }

    public async Task<Outcome<Dossier>> ActAsync(string code, Request request, CurrentUser user, CancellationToken ct)
    {
        var t = problems.Text;
        var errors = new ValidationErrors();
        DossierAction action = default;
        if (string.IsNullOrWhiteSpace(request.Action) || int.TryParse(request.Action, out _) ||
            !Enum.TryParse(request.Action, ignoreCase: true, out action))
            errors.Add("action", t["Dossiers.ActionInvalid", string.Join(", ",
                Enum.GetNames<DossierAction>().Select(JsonNamingPolicy.CamelCase.ConvertName))]);
        if (request.Version is null) errors.Add("version", t["Validation.Required"]);
        if (request.Note is { Length: > 2000 }) errors.Add("note", t["Validation.MaxLength", 2000]);

        // Who may act comes before what the request says: a caller who may not see the dossier learns nothing more.
        var dossier = await db.Dossiers.VisibleTo(db, user).Include(d => d.History).Include(d => d.ApologySlips).Include(d => d.Documents)
            .AsSplitQuery().SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return problems.Fail<Dossier>(StatusCodes.Status404NotFound, "Dossiers.NotFound", code);
        if (!DossierAccess.MayActOn(dossier, user))
            return problems.Fail<Dossier>(StatusCodes.Status403Forbidden, "Dossiers.NotYourUnit");
        if (errors.Any) return Outcome<Dossier>.Invalid(errors);

        if (action == DossierAction.Assign && !string.IsNullOrWhiteSpace(request.Assignee))
        {
            var assignee = await users.FindByNameAsync(request.Assignee.Trim());
            if (assignee is null || assignee.UnitCode != dossier.UnitCode || !await users.IsInRoleAsync(assignee, Roles.Specialist))
            {
                errors.Add("assignee", t["Dossiers.AssigneeNotSpecialistOfUnit"]);
                return Outcome<Dossier>.Invalid(errors);
            }
            // The account's own spelling: user names are matched without case, but the assignee check is exact.
            request = request with { Assignee = assignee.UserName };
        }

        var calendar = await calendars.GetAsync(ct);
        try
        {
            var from = dossier.Status;
            dossier.Apply(action, user.Actor, new DossierActionInput(request.Note, request.Assignee, request.NewDueAt, request.TargetAgency),
                request.Version!.Value, calendar, time.GetUtcNow().ToStoredPrecision());
            // Observers write into the change's transaction (outbox rows, statistics upserts). A retry after a transient
            // failure starts again from what Apply added, so an observer's rows are never added twice.
            var applied = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && !applied.Contains(e.Entity)).ToList())
                    entry.State = EntityState.Detached;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var observer in observers) observer.Changed(db, dossier, action, from);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DossierRuleException ex)
        {
            return problems.Refused<Dossier>(ex);
        }
        catch (DbUpdateException ex)
        {
            // Another request saved first: either the version check (concurrency token) or the history sequence
            // (unique per dossier) tells. Both are the same conflict for the user.
            db.ChangeTracker.Clear();
            var current = await db.Dossiers.AsNoTracking().Where(d => d.Code == code).Select(d => d.Version).SingleAsync(ct);
            if (ex is not DbUpdateConcurrencyException && current == request.Version!.Value) throw;
            return problems.Fail<Dossier>(StatusCodes.Status409Conflict, "Rule.VersionConflict", request.Version!.Value, current);
        }
        log.LogInformation("Dossier {Code}: {Action} by {User}, now {Status} v{Version}", dossier.Code, action, user.UserName, dossier.Status, dossier.Version);
        return Outcome<Dossier>.Ok(dossier);
    }
}
