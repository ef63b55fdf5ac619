using Microsoft.Extensions.Localization;
using MotCua.Core.Dossiers;

namespace MotCua.Web.Infrastructure;

/// <summary>Builds RFC 9457 problem details with messages in the caller's language.</summary>
public sealed class ProblemResults(IStringLocalizer<Messages> text)
{
    public IStringLocalizer<Messages> Text => text;

    public IResult NotFound(string messageKey, params object[] args) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Problem.NotFound"], detail: text[messageKey, args]);

    public IResult Conflict(string messageKey, params object[] args) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: text["Problem.Conflict"], detail: text[messageKey, args]);

    public IResult Forbidden(string messageKey, params object[] args) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: text["Problem.Forbidden"], detail: text[messageKey, args]);

    public IResult BadRequest(string messageKey, params object[] args) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: text["Problem.BadRequest"], detail: text[messageKey, args]);

    public static string TitleKey(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Problem.NotFound",
        StatusCodes.Status409Conflict => "Problem.Conflict",
        StatusCodes.Status403Forbidden => "Problem.Forbidden",
        StatusCodes.Status401Unauthorized => "Problem.Unauthorized",
        StatusCodes.Status503ServiceUnavailable => "Problem.ServiceUnavailable",
        _ => "Problem.BadRequest",
    };

    /// <summary>A refused rule as an outcome: status and message in the user's language.</summary>
    public Outcome<T> Refused<T>(DossierRuleException ex)
    {
        var args = LocalizedArguments(ex);
        var status = ex.Code switch
        {
            "RoleNotAllowed" or "NotAssignee" or "NotOwner" => StatusCodes.Status403Forbidden,
            "NoteRequired" or "AssigneeRequired" or "NewDueAtRequired" or "NewDueAtNotLater" or "TargetAgencyRequired"
                or "ReceivedInFuture" => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return Outcome<T>.Fail(status, text["Rule." + ex.Code, args]);
    }

    public Outcome<T> Fail<T>(int status, string messageKey, params object[] args) => Outcome<T>.Fail(status, text[messageKey, args]);

    private object[] LocalizedArguments(DossierRuleException ex) => ex.Arguments.Select(a => a switch
    {
        DossierStatus s => (object)text["Status." + s],
        DossierAction a2 => text["Action." + a2],
        _ => a,
    }).ToArray();

    public IResult Validation(ValidationErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: text["Problem.Validation"]);

    /// <summary>A refused dossier rule: 409, except for rules about the request itself (400) or the role (403).</summary>
    public IResult FromRule(DossierRuleException ex) => Refused<object>(ex).ToResult(this, _ => Results.Ok());
}

/// <summary>Per-field validation errors, keyed by the JSON path of the field (e.g. "applicant.idNumber").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>The messages for one field (empty when it is fine), for pages that show them in place.</summary>
    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    public int Count => _errors.Count;
}
