using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MotCua.Web.Accounts;

namespace MotCua.Web.Components;

/// <summary>
/// Base of the server-rendered pages: the request, the signed-in account and the shared messages. Pages render on the
/// server only (static SSR) and post plain HTML forms, so they work without JavaScript on a cheap phone.
/// </summary>
public abstract class MotCuaPage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;
    [Inject] public IStringLocalizer<Messages> T { get; set; } = default!;
    [Inject] public NavigationManager Navigation { get; set; } = default!;

    public CurrentUser Me => CurrentUser.From(HttpContext.User);
    public bool SignedIn => HttpContext.User.Identity?.IsAuthenticated == true;

    /// <summary>Vietnam time, formatted the way people there write it.</summary>
    public static string Local(DateTimeOffset? instant, string format = "dd/MM/yyyy HH:mm") =>
        instant is null ? "" : instant.Value.ToOffset(TimeSpan.FromHours(7)).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
