namespace MotCua.Web.Integrations;

/// <summary>
/// The partner simulators as a process of their own (<c>dotnet run --project src/MotCua.Web -- simulators --urls URL</c>):
/// only <c>/simulators/{partner}/...</c> and <c>/health</c>, no database. The app nodes point their
/// <c>Integrations:Partners:*:BaseUrl</c> at it, so demos, fault tests and benchmarks send real HTTP to a receiver that
/// survives the app being killed and restarted.
/// </summary>
public static class PartnerSimulatorHost
{
    public const string Command = "simulators";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    /// <summary>Builds the simulator host; <paramref name="args"/> are host arguments such as <c>--urls</c>.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.Configure<IntegrationOptions>(o => o.Simulators.Enabled = true);
        builder.Services.AddSingleton<PartnerSimulators>();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapPartnerSimulators();
        return app;
    }
}
