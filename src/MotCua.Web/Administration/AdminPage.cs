using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Components;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// Base of the province administrator's pages: the admin's own texts, the database, today's date in Vietnam and the
/// scope of the admin's province. Every query of these pages goes through <see cref="ProvinceUnits"/> or the province
/// code, so another province's unit or account is never shown or changed.
/// </summary>
public abstract class AdminPage : MotCuaPage
{
    [Inject] public IStringLocalizer<AdminText> A { get; set; } = default!;
    [Inject] public MotCuaDbContext Db { get; set; } = default!;
    [Inject] public TimeProvider Time { get; set; } = default!;

    /// <summary>The statistics code of the admin's province (e.g. "91" An Giang).</summary>
    public string Province => Me.ProvinceCode ?? "";

    public DateOnly Today => Time.GetUtcNow().LocalDate();

    /// <summary>Current commune-level units of the admin's province.</summary>
    public IQueryable<AdministrativeUnit> ProvinceUnits => Db.CurrentUnits().Where(u => u.ParentCode == Province);

    /// <summary>Current units the admin may keep: the province itself and its communes, wards and special zones.</summary>
    public IQueryable<AdministrativeUnit> KeptUnits => Db.CurrentUnits().Where(u => u.Code == Province || u.ParentCode == Province);

    /// <summary>True once the page found nothing it may show; the page then renders its not-found text.</summary>
    public bool IsNotFound { get; private set; }

    /// <summary>
    /// Answers 404 with the page's own not-found text. The status is set when the response starts: set during the
    /// render, the status code pages middleware would replace the page with an empty body.
    /// </summary>
    protected void NotFound()
    {
        IsNotFound = true;
        HttpContext.Response.OnStarting(() =>
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>A use case of this folder, from the container when registered, else built with its dependencies.</summary>
    protected TService Use<TService>() where TService : class =>
        ActivatorUtilities.GetServiceOrCreateInstance<TService>(HttpContext.RequestServices);

    public static string Day(DateOnly? date) =>
        date is null ? "" : date.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string WeekDay(DateOnly date) => date.ToString("dddd", System.Globalization.CultureInfo.CurrentCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Errors(ValidationErrors? errors, string key) => errors?.For(key) ?? [];

    public static bool Has(ValidationErrors? errors, string key) => errors is not null && errors.For(key).Count > 0;

    /// <summary>Attributes that tie an input to its error message (aria-invalid, aria-describedby, the red border).</summary>
    public static Dictionary<string, object> Invalid(ValidationErrors? errors, string key, string id, string? hintId = null)
    {
        var attributes = new Dictionary<string, object>();
        var described = new List<string>();
        if (hintId is not null) described.Add(hintId);
        if (Has(errors, key))
        {
            attributes["aria-invalid"] = "true";
            attributes["class"] = "invalid";
            described.Add(id + "-error");
        }
        if (described.Count > 0) attributes["aria-describedby"] = string.Join(' ', described);
        return attributes;
    }
}
