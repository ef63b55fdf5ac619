using MotCua.Core.Catalog;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;

namespace MotCua.Web.Registers;

/// <summary>
/// Which books a user may search: staff of a unit the books of their unit and of every unit merged into it; a
/// ProvinceAdmin the books of the province; citizens and volunteers none.
/// </summary>
public sealed record RegisterScope(IReadOnlySet<string>? BookUnitCodes, string? ProvinceCode)
{
    public static async Task<RegisterScope?> ForAsync(CurrentUser user, UnitLineageCache lineage, CancellationToken ct)
    {
        if (user.Is(Roles.ProvinceAdmin) && user.ProvinceCode is { } province)
            return new RegisterScope(null, province);
        if ((user.Is(Roles.Officer) || user.Is(Roles.Specialist) || user.Is(Roles.Leader)) && user.UnitCode is { } unit)
        {
            var snapshot = await lineage.GetAsync(ct);
            return new RegisterScope(snapshot.Lineage.SelfAndPredecessors(unit).ToHashSet(StringComparer.Ordinal), null);
        }
        return null;
    }

    public IQueryable<LegacyRegisterEntry> Apply(IQueryable<LegacyRegisterEntry> entries) =>
        BookUnitCodes is { } codes ? entries.Where(e => codes.Contains(e.BookUnitCode)) : entries.Where(e => e.ProvinceCode == ProvinceCode);

    public IQueryable<RegisterPage> Apply(IQueryable<RegisterPage> pages) =>
        BookUnitCodes is { } codes ? pages.Where(e => codes.Contains(e.BookUnitCode)) : pages.Where(e => e.ProvinceCode == ProvinceCode);

    public bool Covers(string bookUnitCode, string provinceCode) =>
        BookUnitCodes is { } codes ? codes.Contains(bookUnitCode) : provinceCode == ProvinceCode;
}
