using Microsoft.AspNetCore.Identity;
using MotCua.Data.Entities;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Accounts;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? UserName, string? Password, string? Code = null);
    public sealed record LoginResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
    public sealed record MeResponse(string UserName, string FullName, IReadOnlyList<string> Roles, string? UnitCode, string? ProvinceCode, int EidLevel);

    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithTags("Accounts").WithSummary("Exchange a user name and password (and, for an enrolled leader or administrator, a TOTP code) for a bearer token.");
        api.MapPost("/auth/password", ChangePasswordAsync).RequireAuthorization().WithTags("Accounts")
            .WithSummary("Change the caller's password (required first after a one-time password); a new bearer token without the requirement.");
        api.MapGet("/me", MeAsync).RequireAuthorization().WithTags("Accounts").WithSummary("The signed-in account.");
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, TokenIssuer tokens, ProblemResults problems, Microsoft.Extensions.Options.IOptions<Demo.DemoOptions> demo)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors.Add("userName", problems.Text["Validation.Required"]);
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", problems.Text["Validation.Required"]);
        if (errors.Any) return problems.Validation(errors);

        var user = await users.FindByNameAsync(request.UserName!.Trim());
        if (user is null)
        {
            // Spend the same time as a real password check, so the answer's timing does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash.Value, request.Password!);
            return Results.Problem(statusCode: 401, title: problems.Text["Problem.Unauthorized"], detail: problems.Text["Auth.InvalidCredentials"]);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Results.Problem(statusCode: 401, title: problems.Text["Problem.Unauthorized"], detail: problems.Text["Auth.LockedOut"]);
        if (!result.Succeeded)
            return Results.Problem(statusCode: 401, title: problems.Text["Problem.Unauthorized"], detail: problems.Text["Auth.InvalidCredentials"]);
        // Second factor of an enrolled leader or administrator: no token without a current code; a wrong code counts
        // towards the lockout like a wrong password.
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(request.Code))
                return Results.Problem(statusCode: 401, title: problems.Text["Problem.Unauthorized"], detail: problems.Text["Auth.TwoFactorRequired"],
                    extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            if (!await TwoFactor.VerifyAsync(users, user, request.Code))
            {
                await users.AccessFailedAsync(user);
                return Results.Problem(statusCode: 401, title: problems.Text["Problem.Unauthorized"],
                    detail: problems.Text[await users.IsLockedOutAsync(user) ? "Auth.LockedOut" : "TwoFactor.CodeInvalid"],
                    extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            }
        }
        var roles = await users.GetRolesAsync(user);
        // A leader or administrator not yet enrolled gets no token: a password alone must not act for them. They enrol on
        // the pages (the sign-in page takes them there).
        if (await TwoFactor.MustEnrolAsync(users, user, roles, demo.Value))
            return Results.Problem(statusCode: 403, title: problems.Text["Problem.Forbidden"], detail: problems.Text["Auth.TwoFactorEnrolRequired"],
                extensions: new Dictionary<string, object?> { ["twoFactorEnrolmentRequired"] = true });
        return Results.Ok(new LoginResponse(tokens.Issue(user, roles, await PasswordChange.IsRequiredAsync(users, user)), (int)tokens.Lifetime.TotalSeconds));
    }

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext http, UserManager<AppUser> users,
        TokenIssuer tokens, ProblemResults problems, MotCua.Web.Administration.StaffAccounts accounts)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors.Add("currentPassword", problems.Text["Validation.Required"]);
        if (string.IsNullOrEmpty(request.NewPassword)) errors.Add("newPassword", problems.Text["Validation.Required"]);
        else if (request.NewPassword == request.CurrentPassword) errors.Add("newPassword", problems.Text["Auth.PasswordSame"]);
        if (errors.Any) return problems.Validation(errors);
        var user = await users.FindByNameAsync(CurrentUser.From(http.User).UserName);
        if (user is null) return Results.Unauthorized();
        var result = await PasswordChange.ChangeAsync(users, user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                if (e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) errors.Add("currentPassword", problems.Text["Auth.InvalidCredentials"]);
                else accounts.AddPasswordError(errors, e, "newPassword");
            return problems.Validation(errors);
        }
        var roles = await users.GetRolesAsync(user);
        return Results.Ok(new LoginResponse(tokens.Issue(user, roles), (int)tokens.Lifetime.TotalSeconds));
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserManager<AppUser> users)
    {
        var me = CurrentUser.From(http.User);
        var user = await users.FindByNameAsync(me.UserName);
        return Results.Ok(new MeResponse(me.UserName, user?.FullName ?? "", me.Roles.Order().ToList(), me.UnitCode, me.ProvinceCode, me.EidLevel));
    }
}
