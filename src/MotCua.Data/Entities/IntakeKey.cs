namespace MotCua.Data.Entities;

/// <summary>
/// Table intake_keys: the idempotency key a client sent with an intake (the API's <c>Idempotency-Key</c> header, the
/// portal's and the counter's form), saved in the intake's transaction. A repeat of the request with the same key (a
/// reply lost after the commit, a form sent twice) gets the dossier the first one made instead of a second dossier.
/// Keys belong to the account that sent them.
/// </summary>
public sealed class IntakeKey
{
    public string UserName { get; set; } = "";
    public string Key { get; set; } = "";
    public string DossierCode { get; set; } = "";
    /// <summary>SHA-256 (hex) of the request, so a key sent again with a different request is refused, not answered.</summary>
    public string RequestHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What an idempotency key may be: 1 to 100 visible ASCII characters (a UUID, a partner's request id).</summary>
public static class IntakeKeyRules
{
    public const int MaxLength = 100;

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~');
}
