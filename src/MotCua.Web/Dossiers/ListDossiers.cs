using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>The work queue: dossiers the caller may see, filtered and paged, newest first.</summary>
public static class ListDossiers
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The filters of a work queue; null means "any". <paramref name="Unit"/> is the competent unit; <paramref name="UnitOrReceiving"/>
    /// also takes the dossiers the unit received for another one. <paramref name="Overdue"/> true keeps the open dossiers past
    /// their appointment, false the others; <paramref name="DueSoonUntil"/> keeps the open dossiers due between now and then.
    /// <paramref name="Q"/> is the start of a code or a part of the applicant's name, accents and case ignored.
    /// The drill-down of the figures (docs/statistics.md): <paramref name="ReceivedFrom"/>..<paramref name="ReceivedTo"/> (Vietnam
    /// dates, inclusive) keep the dossiers received then, <paramref name="Channel"/> those of a channel,
    /// <paramref name="ResolvedFrom"/>..<paramref name="ResolvedTo"/> those whose result was ready then, and
    /// <paramref name="OnTime"/> those settled on time (true) or late (false), by the statistics' own rule.
    /// </summary>
    public sealed record Filter(string? Unit = null, string? UnitOrReceiving = null, DossierStatus? Status = null, string? Procedure = null,
        string? Assignee = null, bool? Overdue = null, DateTimeOffset? DueSoonUntil = null, string? Q = null,
        DateOnly? ReceivedFrom = null, DateOnly? ReceivedTo = null, IntakeChannel? Channel = null, DateOnly? ResolvedFrom = null,
        DateOnly? ResolvedTo = null, bool? OnTime = null);

    /// <summary>The most a list counts: beyond it the total reads "more than <see cref="CountCap"/>".</summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// The dossiers <paramref name="user"/> may see (<see cref="DossierAccess.VisibleTo"/>) that pass the filter, as a
    /// <see cref="Listing"/> to count and page newest first.
    /// </summary>
    public static Listing Query(MotCuaDbContext db, CurrentUser user, DateTimeOffset now, Filter filter)
    {
        var all = db.Dossiers.AsNoTracking();
        // Staff see what their unit settles and what it received for another unit. As one OR over two columns no index
        // serves "newest first", and a busy ward's queue was a scan of the table (1.5 s at 2 million dossiers); as two
        // disjoint halves each is read along its own index (IX_dossiers_unit_newest, IX_dossiers_received_for_others).
        if (user.IsStaff && user.UnitCode is { } unit && !user.Is(Roles.ProvinceAdmin))
        {
            var ownView = filter.UnitOrReceiving == unit;
            return new Listing(Filtered(all.Where(d => d.UnitCode == unit), now, filter, ownView),
                Filtered(all.Where(d => d.ReceivingUnitCode == unit && d.ReceivingUnitCode != d.UnitCode), now, filter, ownView));
        }
        return new Listing(Filtered(all.VisibleTo(db, user), now, filter, skipUnitOrReceiving: false), null);
    }

    private static IQueryable<Dossier> Filtered(IQueryable<Dossier> query, DateTimeOffset now, Filter filter, bool skipUnitOrReceiving)
    {
        if (!string.IsNullOrWhiteSpace(filter.Unit)) query = query.Where(d => d.UnitCode == filter.Unit);
        if (!string.IsNullOrWhiteSpace(filter.UnitOrReceiving) && !skipUnitOrReceiving)
            query = query.Where(d => d.UnitCode == filter.UnitOrReceiving || d.ReceivingUnitCode == filter.UnitOrReceiving);
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Procedure)) query = query.Where(d => d.ProcedureCode == filter.Procedure);
        if (!string.IsNullOrWhiteSpace(filter.Assignee)) query = query.Where(d => d.Assignee == filter.Assignee);
        if (filter.Channel is { } channel) query = query.Where(d => d.Channel == channel);
        if (filter.ReceivedFrom is { } receivedFrom)
        {
            var start = receivedFrom.VietnamStart();
            query = query.Where(d => d.ReceivedAt >= start);
        }
        if (filter.ReceivedTo is { } receivedTo)
        {
            var end = receivedTo.AddDays(1).VietnamStart();
            query = query.Where(d => d.ReceivedAt < end);
        }
        if (filter.ResolvedFrom is { } resolvedFrom)
        {
            var start = resolvedFrom.VietnamStart();
            query = query.Where(d => d.CompletedAt >= start);
        }
        if (filter.ResolvedTo is { } resolvedTo)
        {
            var end = resolvedTo.AddDays(1).VietnamStart();
            query = query.Where(d => d.CompletedAt < end);
        }
        if (filter.OnTime is true) query = query.Where(DossierFigures.OnTime);
        else if (filter.OnTime is false) query = query.Where(d => d.CompletedAt != null).Where(Late);
        // Open: the clock runs (not finished, not waiting for the applicant).
        var open = query.Where(d => d.CompletedAt == null && d.ClockStoppedAt == null
            && d.Status != DossierStatus.Returned && d.Status != DossierStatus.Withdrawn);
        if (filter.Overdue is true) query = open.Where(d => d.DueAt < now);
        else if (filter.Overdue is false)
            query = query.Where(d => !(d.CompletedAt == null && d.ClockStoppedAt == null
                && d.Status != DossierStatus.Returned && d.Status != DossierStatus.Withdrawn && d.DueAt < now));
        else if (filter.DueSoonUntil is { } until) query = open.Where(d => d.DueAt >= now && d.DueAt <= until);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Codes are upper-case ASCII; names are matched folded (no accents, no case) on every database; a 12-digit
            // ID number by its keyed hash (the number itself is stored encrypted).
            var code = filter.Q.Trim().ToUpperInvariant();
            var name = VietnameseText.Fold(filter.Q);
            if (CitizenIdNumber.IsValid(filter.Q.Trim())) query = MotCuaDbContext.OfIdNumber(query, filter.Q.Trim());
            else query = query.Where(d => d.Code.StartsWith(code) || d.ApplicantNameFolded.Contains(name));
        }
        return query;
    }

    /// <summary>
    /// A work queue's dossiers in one or two disjoint halves. A page reads at most skip + take rows of each half newest
    /// first (each along its index) and merges them; the count stops at <see cref="CountCap"/>.
    /// </summary>
    public sealed class Listing(IQueryable<Dossier> first, IQueryable<Dossier>? second)
    {
        /// <summary>The number of dossiers, at most <see cref="CountCap"/>; Capped when there are more.</summary>
        public async Task<(int Total, bool Capped)> CountAsync(CancellationToken ct)
        {
            var n = await first.Take(CountCap + 1).CountAsync(ct);
            if (second is not null && n <= CountCap) n += await second.Take(CountCap + 1 - n).CountAsync(ct);
            return (Math.Min(n, CountCap), n > CountCap);
        }

        /// <summary>Rows skip..skip+take, newest first (by receipt, then by id).</summary>
        public IQueryable<Dossier> Page(int skip, int take)
        {
            if (second is null) return Newest(first).Skip(skip).Take(take);
            var upTo = skip + take;
            return Newest(Newest(first).Take(upTo).Concat(Newest(second).Take(upTo))).Skip(skip).Take(take);
        }

        private static IOrderedQueryable<Dossier> Newest(IQueryable<Dossier> query) =>
            query.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id);
    }

    /// <summary>Settled late: the negation of <see cref="DossierFigures.OnTime"/> (applied to settled dossiers).</summary>
    private static readonly Expression<Func<Dossier, bool>> Late =
        Expression.Lambda<Func<Dossier, bool>>(Expression.Not(DossierFigures.OnTime.Body), DossierFigures.OnTime.Parameters);

    /// <summary>The drill-down filters as the API and the work-queue page take them; errors keyed by parameter name.</summary>
    public static Filter DrillDown(Filter filter, string? receivedFrom, string? receivedTo, string? channel, string? resolvedFrom,
        string? resolvedTo, bool? onTime, ValidationErrors errors, Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        DateOnly? Date(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out var date)) return date;
            errors.Add(name, t["Statistics.DateInvalid"]);
            return null;
        }
        IntakeChannel? intake = null;
        if (!string.IsNullOrWhiteSpace(channel))
        {
            if (Enum.TryParse<IntakeChannel>(channel.Trim(), true, out var c) && !int.TryParse(channel, out _)) intake = c;
            else errors.Add("channel", t["Dossiers.ChannelInvalid"]);
        }
        return filter with
        {
            ReceivedFrom = Date(receivedFrom, "receivedFrom"), ReceivedTo = Date(receivedTo, "receivedTo"), Channel = intake,
            ResolvedFrom = Date(resolvedFrom, "resolvedFrom"), ResolvedTo = Date(resolvedTo, "resolvedTo"), OnTime = onTime,
        };
    }

    /// <summary>
    /// Whether a search text is an ID number (12 digits): such a text must not travel in a URL (access logs, proxies,
    /// browser history), so the GET list refuses it and the work-queue page keeps it out of its links.
    /// </summary>
    public static bool IsIdNumberText(string? q) => q?.Trim() is { Length: 12 } t && t.All(char.IsAsciiDigit);

    public static Task<IResult> HandleAsync(HttpContext http, MotCuaDbContext db, TimeProvider time, ProblemResults problems,
        string? unit, string? status, bool? overdue, string? q, string? procedure, string? assignee, string? receivedFrom,
        string? receivedTo, string? channel, string? resolvedFrom, string? resolvedTo, bool? onTime, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (IsIdNumberText(q)) errors.Add("q", problems.Text["Dossiers.IdNumberInUrl"]);
        return ListAsync(http, db, time, problems, errors, new Search(null, q, unit, status, overdue, procedure, assignee, receivedFrom,
            receivedTo, channel, resolvedFrom, resolvedTo, onTime, page, pageSize), ct);
    }

    /// <summary>
    /// The list's filters. The body of <c>POST /dossiers/search</c>: <paramref name="IdNumber"/> (12 digits, required) finds
    /// the dossiers of that person by the number's keyed hash, in the body and never in a URL; <paramref name="Q"/> (the
    /// GET list's text search) is refused there, one search at a time.
    /// </summary>
    public sealed record Search(string? IdNumber = null, string? Q = null, string? Unit = null, string? Status = null, bool? Overdue = null,
        string? Procedure = null, string? Assignee = null, string? ReceivedFrom = null, string? ReceivedTo = null, string? Channel = null,
        string? ResolvedFrom = null, string? ResolvedTo = null, bool? OnTime = null, int? Page = null, int? PageSize = null);

    public static Task<IResult> SearchAsync(Search? search, HttpContext http, MotCuaDbContext db, TimeProvider time, ProblemResults problems,
        CancellationToken ct = default)
    {
        search ??= new Search();
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(search.IdNumber)) errors.Add("idNumber", problems.Text["Validation.Required"]);
        else if (CitizenIdNumber.Check(search.IdNumber.Trim()) != CitizenIdNumber.Problem.None)
            errors.Add("idNumber", problems.Text["Applicant.IdNumberFormat"]);
        if (!string.IsNullOrWhiteSpace(search.Q)) errors.Add("q", problems.Text["Dossiers.SearchOneOf"]);
        return ListAsync(http, db, time, problems, errors, search with { Q = search.IdNumber?.Trim() }, ct);
    }

    private static async Task<IResult> ListAsync(HttpContext http, MotCuaDbContext db, TimeProvider time, ProblemResults problems,
        ValidationErrors errors, Search search, CancellationToken ct)
    {
        var t = problems.Text;
        var (unit, status, overdue, q, procedure, assignee) = (search.Unit, search.Status, search.Overdue, search.Q, search.Procedure, search.Assignee);
        var (page, pageSize) = (search.Page ?? 1, search.PageSize ?? 50);
        var (receivedFrom, receivedTo, channel, resolvedFrom, resolvedTo, onTime) =
            (search.ReceivedFrom, search.ReceivedTo, search.Channel, search.ResolvedFrom, search.ResolvedTo, search.OnTime);
        if (page < 1) errors.Add("page", t["Paging.Invalid", MaxPageSize]);
        if (pageSize is < 1 or > MaxPageSize) errors.Add("pageSize", t["Paging.Invalid", MaxPageSize]);
        DossierStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<DossierStatus>(status, true, out var s) && !int.TryParse(status, out _)) statusFilter = s;
            else errors.Add("status", t["Dossiers.StatusInvalid"]);
        }
        var filter = DrillDown(new Filter(Unit: unit, Status: statusFilter, Procedure: procedure, Assignee: assignee, Overdue: overdue, Q: q),
            receivedFrom, receivedTo, channel, resolvedFrom, resolvedTo, onTime, errors, t);
        if (errors.Any) return problems.Validation(errors);

        var user = CurrentUser.From(http.User);
        var now = time.GetUtcNow();
        var listing = Query(db, user, now, filter);
        var (total, capped) = await listing.CountAsync(ct);
        var rows = await listing.Page((page - 1) * pageSize, pageSize)
            .Select(d => new { d.Code, d.ProcedureCode, d.UnitCode, d.Channel, d.Status, d.Applicant.FullName, d.ReceivedAt, d.DueAt,
                d.CompletedAt, d.ClockStoppedAt, d.Assignee, d.Version })
            .ToListAsync(ct);
        var items = rows.Select(d => new DossierListItem(d.Code, d.ProcedureCode, d.UnitCode,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Channel.ToString()),
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Status.ToString()), d.FullName, d.ReceivedAt.ToVietnam(),
            d.DueAt.ToVietnam(), d.CompletedAt == null && d.ClockStoppedAt == null && !DossierTransitionRules.IsFinal(d.Status) && now > d.DueAt,
            d.Assignee, d.Version)).ToList();
        return Results.Ok(new DossierPage(items, total, page, pageSize, capped));
    }
}
