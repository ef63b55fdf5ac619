namespace MotCua.Web.Integrations;

public enum PartnerOutcome
{
    /// <summary>2xx: the partner has the message.</summary>
    Delivered,
    /// <summary>Timeout, refused connection, 408, 429, 5xx: try again later, for as long as it takes.</summary>
    Transient,
    /// <summary>Any other 4xx: the partner refuses this message; retrying the same message cannot help (dead letter).</summary>
    Permanent,
}

/// <summary>What one attempt to send a message came to.</summary>
/// <param name="Reference">The partner's reference or registration number, when it answered one.</param>
/// <param name="Final">False when the partner took the message but answers the result later (202).</param>
public sealed record PartnerResult(PartnerOutcome Outcome, string? Reference = null, string? Error = null, bool Final = true)
{
    public static PartnerResult Transient(string error) => new(PartnerOutcome.Transient, Error: error);
}
