using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// The province administrator keeps the reception points and the electronic agency code of the province's units, with
/// the rules of the API (<c>/api/v1/units/{unitCode}/reception-points</c>, <c>/agency-code</c>): point codes of 3–64
/// letters, digits or hyphens and unique, a name of at most 200 characters, an address of at most 300, agency codes of
/// the form VVV.ZZ.YY.MXX and unique. One rule more: a unit keeps at least one open reception point, since counter
/// intake needs one. A unit of another province answers 404. The API endpoints (Units/ReceptionPointEndpoints) call this class too.
/// </summary>
public sealed partial class ReceptionPointAdmin(MotCuaDbContext db, IStringLocalizer<Messages> text, IStringLocalizer<AdminText> admin,
    ReferenceDataCache cache)
{
    public sealed record PointRequest(string? Code, string? Name, string? Address, bool? IsActive);

    private string Say(string key, params object[] args) => admin.GetString(key, args);

    [GeneratedRegex(@"^[0-9A-Za-z\-]{3,64}\z")]
    private static partial Regex PointCode();

    /// <summary>The current unit of that code when it is the admin's province or one of its units; else null.</summary>
    public Task<AdministrativeUnit?> UnitOfProvinceAsync(string unitCode, CurrentUser user, CancellationToken ct = default)
    {
        var province = user.ProvinceCode ?? "";
        return db.CurrentUnits().SingleOrDefaultAsync(u => u.Code == unitCode && (u.Code == province || u.ParentCode == province), ct);
    }

    private void Validate(PointRequest r, ValidationErrors errors, bool creating)
    {
        if (creating && (string.IsNullOrWhiteSpace(r.Code) || !PointCode().IsMatch(r.Code.Trim()))) errors.Add("code", text["Units.PointCodeInvalid"]);
        if (string.IsNullOrWhiteSpace(r.Name)) errors.Add("name", text["Validation.Required"]);
        else if (r.Name.Trim().Length > 200) errors.Add("name", text["Validation.MaxLength", 200]);
        if (r.Address is { } address && address.Trim().Length > 300) errors.Add("address", text["Validation.MaxLength", 300]);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <returns>The new point (201); errors keyed code, name, address; 404 unit; 409 code taken.</returns>
    public async Task<Outcome<ReceptionPoint>> AddAsync(string unitCode, PointRequest request, CurrentUser user, CancellationToken ct = default)
    {
        if (await UnitOfProvinceAsync(unitCode, user, ct) is null)
            return Outcome<ReceptionPoint>.Fail(StatusCodes.Status404NotFound, text["Units.NotFound", unitCode]);
        var errors = new ValidationErrors();
        Validate(request, errors, creating: true);
        if (errors.Any) return Outcome<ReceptionPoint>.Invalid(errors);
        var code = request.Code!.Trim();
        if (await db.ReceptionPoints.AnyAsync(r => r.Code == code, ct))
            return Outcome<ReceptionPoint>.Fail(StatusCodes.Status409Conflict, text["Units.PointCodeTaken", code]);
        var point = new ReceptionPoint
        {
            Code = code, UnitCode = unitCode, Name = request.Name!.Trim(), Address = Clean(request.Address), IsActive = request.IsActive ?? true,
        };
        db.ReceptionPoints.Add(point);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ReceptionPoint>.Fail(StatusCodes.Status409Conflict, text["Units.PointCodeTaken", code]);
        }
        return Outcome<ReceptionPoint>.Ok(point, StatusCodes.Status201Created);
    }

    /// <summary>Renames, moves (address) and optionally closes or reopens a point, as <c>PUT .../reception-points/{code}</c>.</summary>
    /// <returns>The point; errors keyed name, address; 404 unit or point; 409 when it would close the unit's last open point.</returns>
    public async Task<Outcome<ReceptionPoint>> UpdateAsync(string unitCode, string code, PointRequest request, CurrentUser user,
        CancellationToken ct = default)
    {
        var (point, refusal) = await FindAsync(unitCode, code, user, ct);
        if (point is null) return refusal!;
        var errors = new ValidationErrors();
        Validate(request, errors, creating: false);
        if (errors.Any) return Outcome<ReceptionPoint>.Invalid(errors);
        if (request.IsActive == false && await IsLastOpenAsync(point, ct))
            return Outcome<ReceptionPoint>.Fail(StatusCodes.Status409Conflict, Say("Units.LastOpenPoint"));
        point.Name = request.Name!.Trim();
        point.Address = Clean(request.Address);
        point.IsActive = request.IsActive ?? point.IsActive;
        await db.SaveChangesAsync(ct);
        return Outcome<ReceptionPoint>.Ok(point);
    }

    /// <summary>Closes or reopens a point, keeping its name and address.</summary>
    /// <returns>The point; 404 unit or point; 409 when it would close the unit's last open point.</returns>
    public async Task<Outcome<ReceptionPoint>> SetOpenAsync(string unitCode, string code, bool open, CurrentUser user, CancellationToken ct = default)
    {
        var (point, refusal) = await FindAsync(unitCode, code, user, ct);
        if (point is null) return refusal!;
        if (!open && await IsLastOpenAsync(point, ct))
            return Outcome<ReceptionPoint>.Fail(StatusCodes.Status409Conflict, Say("Units.LastOpenPoint"));
        point.IsActive = open;
        await db.SaveChangesAsync(ct);
        return Outcome<ReceptionPoint>.Ok(point);
    }

    private async Task<(ReceptionPoint? Point, Outcome<ReceptionPoint>? Refusal)> FindAsync(string unitCode, string code, CurrentUser user,
        CancellationToken ct)
    {
        if (await UnitOfProvinceAsync(unitCode, user, ct) is null)
            return (null, Outcome<ReceptionPoint>.Fail(StatusCodes.Status404NotFound, text["Units.NotFound", unitCode]));
        var point = await db.ReceptionPoints.SingleOrDefaultAsync(r => r.Code == code && r.UnitCode == unitCode, ct);
        return point is null
            ? (null, Outcome<ReceptionPoint>.Fail(StatusCodes.Status404NotFound, text["Units.PointNotFound", code]))
            : (point, null);
    }

    private async Task<bool> IsLastOpenAsync(ReceptionPoint point, CancellationToken ct) =>
        point.IsActive && !await db.ReceptionPoints.AnyAsync(r => r.UnitCode == point.UnitCode && r.IsActive && r.Code != point.Code, ct);

    /// <returns>The code set; errors keyed agencyCode; 404 unit; 409 code used by another unit.</returns>
    public async Task<Outcome<string>> SetAgencyCodeAsync(string unitCode, string? agencyCode, CurrentUser user, CancellationToken ct = default)
    {
        var unit = await UnitOfProvinceAsync(unitCode, user, ct);
        if (unit is null) return Outcome<string>.Fail(StatusCodes.Status404NotFound, text["Units.NotFound", unitCode]);
        var code = agencyCode?.Trim() ?? "";
        if (!DossierCode.IsValidAgencyCode(code))
        {
            var errors = new ValidationErrors();
            errors.Add("agencyCode", text["Units.AgencyCodeInvalid"]);
            return Outcome<string>.Invalid(errors);
        }
        if (await db.Units.AnyAsync(u => u.AgencyCode == code && u.Id != unit.Id, ct))
            return Outcome<string>.Fail(StatusCodes.Status409Conflict, text["Units.AgencyCodeTaken", code]);
        unit.AgencyCode = code;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Outcome<string>.Ok(code);
    }
}
