using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// The staff accounts of a province, kept by its administrator: create (with a role and a unit of the province), lock and
/// unlock, reset the password. Passwords follow the Identity options of the host (at least 10 characters, a digit, a lower
/// and an upper case letter). Accounts of another province, and citizens' accounts, are out of reach (404).
/// </summary>
public sealed class StaffAccounts(MotCuaDbContext db, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<Messages> text,
    IStringLocalizer<AdminText> admin)
{
    /// <summary>The roles an administrator gives; citizens register themselves.</summary>
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.Officer, Roles.Specialist, Roles.Leader, Roles.ProvinceAdmin, Roles.Volunteer];

    /// <summary>"Until unlocked": a far date every provider stores.</summary>
    public static readonly DateTimeOffset LockedUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public sealed record NewAccount(string? UserName, string? FullName, string? Role, string? UnitCode, string? Password);

    public sealed record AccountRow(string Id, string UserName, string FullName, IReadOnlyList<string> Roles, string? UnitCode, bool Locked);

    public sealed record AccountPage(IReadOnlyList<AccountRow> Items, int Total);

    private string Say(string key, params object[] args) => admin.GetString(key, args);

    /// <summary>Staff and volunteer accounts of the province (not citizens).</summary>
    public IQueryable<AppUser> OfProvince(string province)
    {
        var roleIds = db.Roles.Where(r => AssignableRoles.Contains(r.Name!)).Select(r => r.Id);
        return db.Users.Where(u => u.ProvinceCode == province && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
    }

    public async Task<AccountPage> ListAsync(string province, string? q, int page, int pageSize, CancellationToken ct = default)
    {
        var query = OfProvince(province).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.FullName.Contains(term) || u.UnitCode == term);
        }
        var total = await query.CountAsync(ct);
        var found = await query.OrderBy(u => u.UserName).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var rows = found.Select(u => new AccountRow(u.Id, u.UserName ?? "", u.FullName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order().ToList(), u.UnitCode,
            u.LockoutEnd is { } end && end > now)).ToList();
        return new AccountPage(rows, total);
    }

    /// <returns>The account (201); errors keyed userName, fullName, role, unitCode, password.</returns>
    public async Task<Outcome<AppUser>> CreateAsync(NewAccount request, CurrentUser by, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (user, role) = await ValidateAsync(request, by, errors, ct);
        if (errors.Any) return Outcome<AppUser>.Invalid(errors);

        // The account and its role are saved together or not at all.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, request.Password!);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, role!);
            if (!created.Succeeded)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                foreach (var e in created.Errors) AddIdentityError(errors, e, user.UserName);
                return Outcome<AppUser>.Invalid(errors);
            }
            await tx.CommitAsync(ct);
            return Outcome<AppUser>.Ok(user, StatusCodes.Status201Created);
        });
    }

    /// <summary>
    /// The checks of a new account (also those of each row of a bulk creation, <see cref="StaffAccountImport"/>): the
    /// account to create and its role, with errors keyed userName, fullName, role, unitCode, password.
    /// </summary>
    public async Task<(AppUser User, string? Role)> ValidateAsync(NewAccount request, CurrentUser by, ValidationErrors errors, CancellationToken ct = default)
    {
        var province = by.ProvinceCode ?? "";
        var userName = request.UserName?.Trim() ?? "";
        var fullName = string.IsNullOrWhiteSpace(request.FullName) ? "" : MotCua.Core.Units.VietnameseText.Canonical(request.FullName);
        if (userName.Length == 0) errors.Add("userName", text["Validation.Required"]);
        else if (userName.Length > 64) errors.Add("userName", text["Validation.MaxLength", 64]);
        else if (users.Options.User.AllowedUserNameCharacters is { Length: > 0 } allowed && userName.Any(c => !allowed.Contains(c)))
            errors.Add("userName", Say("Accounts.UserNameCharacters"));
        else if (await users.FindByNameAsync(userName) is not null) errors.Add("userName", Say("Accounts.UserNameTaken", userName));
        if (fullName.Length == 0) errors.Add("fullName", text["Validation.Required"]);
        else if (fullName.Length > 200) errors.Add("fullName", text["Validation.MaxLength", 200]);
        var role = AssignableRoles.FirstOrDefault(r => r == request.Role);
        if (role is null) errors.Add("role", Say("Accounts.RoleInvalid"));
        var unitCode = request.UnitCode?.Trim() ?? "";
        if (unitCode.Length == 0) errors.Add("unitCode", text["Validation.Required"]);
        else if (!await db.CurrentUnits().AnyAsync(u => u.Code == unitCode && (u.Code == province || u.ParentCode == province), ct))
            errors.Add("unitCode", Say("Accounts.UnitNotInProvince"));
        else if (role == Roles.ProvinceAdmin && unitCode != province)
            errors.Add("unitCode", Say("Accounts.AdminUnitIsProvince"));
        var user = new AppUser { UserName = userName, FullName = fullName, UnitCode = unitCode, ProvinceCode = province, EmailConfirmed = true };
        await CheckPasswordAsync(user, request.Password, errors);
        return (user, role);
    }

    /// <summary>Locks (until unlocked) or unlocks an account; locking also ends its open sessions at their next check.</summary>
    public async Task<Outcome<AppUser>> SetLockedAsync(string userId, bool locked, CurrentUser by, CancellationToken ct = default)
    {
        var user = await FindAsync(userId, by, ct);
        if (user is null) return Outcome<AppUser>.Fail(StatusCodes.Status404NotFound, Say("Accounts.NotFound"));
        if (locked && user.UserName == by.UserName) return Outcome<AppUser>.Fail(StatusCodes.Status409Conflict, Say("Accounts.CannotLockSelf"));
        if (locked && !user.LockoutEnabled) await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, locked ? LockedUntil : null);
        if (result.Succeeded && locked) result = await users.UpdateSecurityStampAsync(user);
        if (result.Succeeded && !locked) result = await users.ResetAccessFailedCountAsync(user);
        return result.Succeeded ? Outcome<AppUser>.Ok(user)
            : Outcome<AppUser>.Fail(StatusCodes.Status409Conflict, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Gives an account a new password chosen by the administrator; open sessions end at their next check.</summary>
    /// <returns>The account; errors keyed password; 404.</returns>
    public async Task<Outcome<AppUser>> ResetPasswordAsync(string userId, string? password, CurrentUser by, CancellationToken ct = default)
    {
        var user = await FindAsync(userId, by, ct);
        if (user is null) return Outcome<AppUser>.Fail(StatusCodes.Status404NotFound, Say("Accounts.NotFound"));
        var errors = new ValidationErrors();
        await CheckPasswordAsync(user, password, errors);
        if (errors.Any) return Outcome<AppUser>.Invalid(errors);
        // Checked first, then replaced in one save: the account is never left without a password.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        var result = await users.UpdateSecurityStampAsync(user);
        if (result.Succeeded) await users.ResetAccessFailedCountAsync(user);
        return result.Succeeded ? Outcome<AppUser>.Ok(user)
            : Outcome<AppUser>.Fail(StatusCodes.Status409Conflict, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<AppUser?> FindAsync(string userId, CurrentUser by, CancellationToken ct) =>
        string.IsNullOrEmpty(userId) ? null : await OfProvince(by.ProvinceCode ?? "").SingleOrDefaultAsync(u => u.Id == userId, ct);

    private async Task CheckPasswordAsync(AppUser user, string? password, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", text["Validation.Required"]);
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var e in result.Errors) AddIdentityError(errors, e);
        }
    }

    /// <summary>An Identity error of a password change, on the given field (known ones in the user's language).</summary>
    public void AddPasswordError(ValidationErrors errors, IdentityError e, string field)
    {
        var found = new ValidationErrors();
        AddIdentityError(found, e);
        foreach (var (key, messages) in found.ToDictionary())
            foreach (var message in messages) errors.Add(key == "password" ? field : key, message);
    }

    /// <summary>Identity's messages are English only: the known ones are told in the user's language, on their field.</summary>
    private void AddIdentityError(ValidationErrors errors, IdentityError e, string? userName = null)
    {
        var o = users.Options;
        var (field, message) = e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => ("password", Say("Accounts.PasswordTooShort", o.Password.RequiredLength)),
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => ("password", Say("Accounts.PasswordRequiresDigit")),
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => ("password", Say("Accounts.PasswordRequiresLower")),
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => ("password", Say("Accounts.PasswordRequiresUpper")),
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => ("password", Say("Accounts.PasswordRequiresSymbol")),
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => ("password", Say("Accounts.PasswordRequiresUniqueChars", o.Password.RequiredUniqueChars)),
            nameof(IdentityErrorDescriber.DuplicateUserName) => ("userName", Say("Accounts.UserNameTaken", userName ?? "")),
            nameof(IdentityErrorDescriber.InvalidUserName) => ("userName", Say("Accounts.UserNameCharacters")),
            _ => ("password", e.Description),
        };
        if (!errors.For(field).Contains(message)) errors.Add(field, message);
    }
}
