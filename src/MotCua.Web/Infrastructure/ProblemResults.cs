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

    public IResult Validation(ValidationErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: text["Problem.Validation"]);

    /// <summary>A refused dossier rule: 409, except for rules that are about the request itself (400) or the role (403).</summary>
    public IResult FromRule(DossierRuleException ex)
    {
        var key = "Rule." + ex.Code;
        var args = ex.Arguments.Select(a => a switch
        {
            DossierStatus s => (object)text["Status." + s],
            DossierAction a2 => text["Action." + a2],
            _ => a,
        }).ToArray();
        return ex.Code switch
        {
            "RoleNotAllowed" or "NotAssignee" or "NotOwner" => Forbidden(key, args),
            "NoteRequired" or "AssigneeRequired" or "NewDueAtRequired" or "NewDueAtNotLater" or "TargetAgencyRequired"
                or "ReceivedInFuture" => BadRequest(key, args),
            _ => Conflict(key, args),
        };
    }
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
}
