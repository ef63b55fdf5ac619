namespace MotCua.Core.Dossiers;

/// <summary>Who acts on a dossier: the user name and the roles of the signed-in account.</summary>
public sealed record Actor(string UserName, IReadOnlySet<string> Roles)
{
    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);
}
