using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;
using MotCua.Web.Registers;

namespace MotCua.Web.Administration;

/// <summary>
/// Bulk creation of the staff accounts of a new or merged unit from a CSV (or Excel) file: columns <c>userName</c>,
/// <c>fullName</c>, <c>role</c>, <c>unitCode</c> (docs/security.md, docs/samples/staff-accounts.csv). Every row is checked
/// as the one-account form checks it (<see cref="StaffAccounts.ValidateAsync"/>), plus names repeated in the file; one
/// refused row refuses the file and nothing is created. Each new account gets a one-time password, shown once in the
/// report, and must set its own at first sign-in (<see cref="PasswordChange"/>).
/// </summary>
public sealed class StaffAccountImport(MotCuaDbContext db, UserManager<AppUser> users, StaffAccounts accounts, IStringLocalizer<Messages> text,
    IStringLocalizer<AdminText> admin)
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;
    public static readonly string[] Columns = ["username", "fullname", "role", "unitcode"];

    public sealed record CreatedAccount(long Row, string UserName, string FullName, string Role, string UnitCode, string OneTimePassword);
    public sealed record RefusedRow(long Row, string? UserName, IReadOnlyDictionary<string, string[]> Errors);
    public sealed record Report(bool Created, int Rows, IReadOnlyList<CreatedAccount> Accounts, IReadOnlyList<RefusedRow> Refused);

    public async Task<Outcome<Report>> ImportAsync(IFormFile? file, CurrentUser by, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (file is null || file.Length == 0) errors.Add("file", text["Validation.Required"]);
        else if (file.Length > MaxBytes) errors.Add("file", admin.GetString("AccountImport.TooLarge", MaxBytes / 1024));
        if (errors.Any) return Outcome<Report>.Invalid(errors);

        await using var stream = file!.OpenReadStream();
        var (header, rows) = RegisterFileReader.Open(stream, file.FileName);
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("file", admin.GetString("AccountImport.MissingColumns", string.Join(", ", missing)));
            return Outcome<Report>.Invalid(errors);
        }

        var planned = new List<(long Row, AppUser User, string Role, string Password)>();
        var refused = new List<RefusedRow>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (planned.Count + refused.Count >= MaxRows)
            {
                errors.Add("file", admin.GetString("AccountImport.TooManyRows", MaxRows));
                return Outcome<Report>.Invalid(errors);
            }
            var password = OneTimePassword();
            var request = new StaffAccounts.NewAccount(row.Value("username"), row.Value("fullname"), RoleName(row.Value("role")),
                row.Value("unitcode"), password);
            var rowErrors = new ValidationErrors();
            var (user, role) = await accounts.ValidateAsync(request, by, rowErrors, ct);
            if (!string.IsNullOrEmpty(user.UserName) && !seen.Add(user.UserName))
                rowErrors.Add("userName", admin.GetString("AccountImport.Repeated", user.UserName));
            if (rowErrors.Any) refused.Add(new RefusedRow(row.Number, request.UserName, rowErrors.ToDictionary()));
            else planned.Add((row.Number, user, role!, password));
        }
        if (planned.Count + refused.Count == 0)
        {
            errors.Add("file", admin.GetString("AccountImport.Empty"));
            return Outcome<Report>.Invalid(errors);
        }
        if (refused.Count > 0) return Outcome<Report>.Ok(new Report(false, planned.Count + refused.Count, [], refused));

        // All accounts, their roles and the password-change requirement in one transaction.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (number, user, role, password) in planned)
            {
                var result = await users.CreateAsync(user, password);
                if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
                if (result.Succeeded) result = await users.AddClaimAsync(user, PasswordChange.Claim);
                if (!result.Succeeded)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    var rowErrors = new ValidationErrors();
                    foreach (var e in result.Errors) rowErrors.Add("userName", e.Description);
                    return Outcome<Report>.Ok(new Report(false, planned.Count, [], [new RefusedRow(number, user.UserName, rowErrors.ToDictionary())]));
                }
            }
            await tx.CommitAsync(ct);
            return Outcome<Report>.Ok(new Report(true, planned.Count,
                planned.Select(p => new CreatedAccount(p.Row, p.User.UserName!, p.User.FullName, p.Role, p.User.UnitCode!, p.Password)).ToList(), []));
        });
    }

    /// <summary>A role as written in the file (any case).</summary>
    private static string? RoleName(string? value) =>
        StaffAccounts.AssignableRoles.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? value;

    /// <summary>16 characters with upper and lower case letters and digits, without look-alikes (0/O, 1/l/I).</summary>
    public static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789";
        var chars = (RandomNumberGenerator.GetString(upper, 5) + RandomNumberGenerator.GetString(lower, 6) + RandomNumberGenerator.GetString(digits, 5)).ToCharArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
