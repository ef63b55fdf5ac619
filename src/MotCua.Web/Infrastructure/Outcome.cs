namespace MotCua.Web.Infrastructure;

/// <summary>
/// The result of a use case that both the API and the pages call: a value, or per-field errors, or a refusal with a
/// status (403, 404, 409) and a message already in the user's language. The API turns it into problem details; a page
/// shows the messages next to the fields.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, int status, string? message, ValidationErrors? errors)
    {
        Value = value;
        Status = status;
        Message = message;
        Errors = errors;
    }

    public T? Value { get; }
    public int Status { get; }
    public string? Message { get; }
    public ValidationErrors? Errors { get; }
    public bool Succeeded => Status is >= 200 and < 300;

    public static Outcome<T> Ok(T value, int status = StatusCodes.Status200OK) => new(value, status, null, null);
    public static Outcome<T> Invalid(ValidationErrors errors) => new(default, StatusCodes.Status400BadRequest, null, errors);
    public static Outcome<T> Fail(int status, string message) => new(default, status, message, null);

    public IResult ToResult(ProblemResults problems, Func<T, IResult> onSuccess)
    {
        if (Succeeded) return onSuccess(Value!);
        if (Errors is not null) return problems.Validation(Errors);
        return Results.Problem(statusCode: Status, title: problems.Text[ProblemResults.TitleKey(Status)], detail: Message);
    }
}
