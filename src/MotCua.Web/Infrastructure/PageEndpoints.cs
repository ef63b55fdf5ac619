using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MotCua.Data.Entities;

namespace MotCua.Web.Infrastructure;

/// <summary>
/// The small non-page endpoints the pages need: sign out (POST, anti-forgery checked), the language switch, and the
/// attached files of a dossier (signed in with the page cookie; the same rules as the API's).
/// </summary>
public static class PageEndpoints
{
    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ho-so/{code}/giay-to/{id:long}", MotCua.Web.Dossiers.DownloadDocument.HandleAsync).RequireAuthorization().ExcludeFromDescription();
        // The figures page's exports: the API's export handlers (same parameters, same scope checks) under the page cookie.
        app.MapGet("/thong-ke/bao-cao.xlsx", MotCua.Web.Statistics.StatisticsExport.ExcelAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/thong-ke/bao-cao.csv", MotCua.Web.Statistics.StatisticsExport.CsvAsync).RequireAuthorization().ExcludeFromDescription();

        app.MapPost("/dang-xuat", async (HttpContext http, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.Redirect("/");
        }).ExcludeFromDescription();

        app.MapGet("/ngon-ngu", (HttpContext http, string? c, string? r) =>
        {
            var culture = HostSetup.Cultures.FirstOrDefault(x => x.Name == c)?.Name ?? "vi";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(IsLocal(r) ? r! : "/");
        }).ExcludeFromDescription();
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
