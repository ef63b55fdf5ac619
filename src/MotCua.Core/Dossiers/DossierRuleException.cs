namespace MotCua.Core.Dossiers;

/// <summary>
/// A request that the dossier rules refuse. <see cref="Code"/> is a stable key that the web layer
/// turns into a message in the user's language; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed class DossierRuleException(string code, params object[] arguments)
    : InvalidOperationException(code)
{
    public string Code { get; } = code;
    public object[] Arguments { get; } = arguments;
}
