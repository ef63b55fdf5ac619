using MotCua.Web.Infrastructure;
using MotCua.Web.Integrations;

if (PartnerSimulatorHost.IsCommand(args))
{
    await using var simulators = PartnerSimulatorHost.Build(args[1..]);
    await simulators.RunAsync();
    return 0;
}

if (MotCua.Web.Accounts.EidDemoProvider.IsCommand(args))
{
    await using var provider = MotCua.Web.Accounts.EidDemoProvider.Build(args[1..]);
    await provider.RunAsync();
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMotCua();

var app = builder.Build();
if (ImportCommands.IsCommand(args))
    return await ImportCommands.RunAsync(app, args);
if (MotCua.Web.Statistics.StatisticsCommands.IsCommand(args))
    return await MotCua.Web.Statistics.StatisticsCommands.RunAsync(app);

await app.PrepareDatabaseAsync();
app.UseMotCua();
await app.RunAsync();
return 0;

/// <summary>The host, visible to the in-process HTTP tests.</summary>
public partial class Program;
