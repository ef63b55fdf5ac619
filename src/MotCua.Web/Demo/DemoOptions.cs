namespace MotCua.Web.Demo;

/// <summary>Demo mode (MotCua:Demo): on for `dotnet run` in Development, refused in Production.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }
    /// <summary>Whether to create the sample dossiers as well as the accounts.</summary>
    public bool SampleDossiers { get; set; } = true;
}
