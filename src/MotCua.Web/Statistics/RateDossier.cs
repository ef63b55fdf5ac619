using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Statistics;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Data.Statistics;
using MotCua.Web.Accounts;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// The applicant's satisfaction with a settled dossier, 1 (very dissatisfied) to 5 (very satisfied), once per dossier:
/// given by the owning citizen online, or entered by an officer of the unit from the counter's rating device or form.
/// The rating and its counts are saved in one transaction.
/// </summary>
public sealed class RateDossier(MotCuaDbContext db, TimeProvider time, ProblemResults problems, StatisticsScopes scopes)
{
    public sealed record Request(int? Score);

    public sealed record Result(string Code, int Score, DateTimeOffset RatedAt);

    public static async Task<IResult> HandleAsync(string code, Request request, HttpContext http, RateDossier rate, ProblemResults problems,
        CancellationToken ct) =>
        (await rate.RateAsync(code, request, CurrentUser.From(http.User), ct)).ToResult(problems, r => Results.Ok(r));

    public async Task<Outcome<Result>> RateAsync(string code, Request request, CurrentUser user, CancellationToken ct)
    {
        var t = problems.Text;
        // Who may rate comes before what the request says: a caller who may not see the dossier learns nothing more.
        var dossier = await db.Dossiers.VisibleTo(db, user).Include(d => d.History).AsSplitQuery().SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return problems.Fail<Result>(StatusCodes.Status404NotFound, "Dossiers.NotFound", code);
        var mayRate = user.Is(Roles.Citizen) ? dossier.OwnerUserName == user.UserName
            : (user.Is(Roles.Officer) || user.Is(Roles.Leader)) && user.UnitCode == dossier.UnitCode;
        if (!mayRate) return problems.Fail<Result>(StatusCodes.Status403Forbidden, "Dossiers.NotYourUnit");
        if (request.Score is not (>= 1 and <= 5))
        {
            var errors = new ValidationErrors();
            errors.Add("score", t["Statistics.ScoreInvalid"]);
            return Outcome<Result>.Invalid(errors);
        }
        if (dossier.CompletedAt is null) return problems.Fail<Result>(StatusCodes.Status409Conflict, "Statistics.NotSettledYet");
        if (await db.DossierRatings.AnyAsync(r => r.DossierId == dossier.Id, ct))
            return problems.Fail<Result>(StatusCodes.Status409Conflict, "Statistics.AlreadyRated");

        var now = time.GetUtcNow();
        var score = request.Score.Value;
        try
        {
            var provinces = (await scopes.ProvincesAsync(ct)).Of(dossier.UnitCode);
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Entries<DossierRating>().ToList().ForEach(e => e.State = EntityState.Detached);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                db.DossierRatings.Add(new DossierRating { DossierId = dossier.Id, Score = score, RatedAt = now, RatedBy = user.UserName });
                StatisticsWriter.AddAfterSave(db, dossier.UnitCode, dossier.ProcedureCode, dossier.Channel,
                    DossierFigures.ForRating(dossier, score, now), provinces);
                await db.SaveChangesAndCommitAsync(tx, ct);
            });
        }
        catch (DbUpdateException)
        {
            // The unique index on the dossier: someone rated it at the same moment.
            return problems.Fail<Result>(StatusCodes.Status409Conflict, "Statistics.AlreadyRated");
        }
        return Outcome<Result>.Ok(new Result(dossier.Code, score, now.ToVietnam()));
    }
}
