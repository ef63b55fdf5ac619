using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace MotCua.Web.Infrastructure;

/// <summary>
/// A body the framework cannot read (broken JSON, a date in the wrong format, text where a number goes) becomes a 400
/// validation problem naming the field, in the user's language, in every environment.
/// </summary>
public sealed class BadRequestExceptionHandler(IStringLocalizer<Messages> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var json = FindJsonException(bad);
        var errors = new Dictionary<string, string[]>();
        if (json?.Path is { Length: > 0 } path && path != "$")
            errors[ToFieldName(path)] = [text["Validation.Unreadable"]];
        else
            errors["body"] = [json is null ? bad.Message : text["Problem.UnreadableBody"]];
        var result = Results.ValidationProblem(errors, title: text["Problem.Validation"], statusCode: bad.StatusCode == 413 ? 413 : 400);
        await result.ExecuteAsync(http);
        return true;
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is JsonException j) return j;
        return null;
    }

    /// <summary>"$.applicant.dateOfBirth" → "applicant.dateOfBirth"; "$['x']" → "x".</summary>
    public static string ToFieldName(string path) =>
        path.TrimStart('$').TrimStart('.').Replace("['", ".").Replace("']", "").TrimStart('.');
}
