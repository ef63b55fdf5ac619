using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Seeding;

namespace MotCua.Web.Infrastructure;

/// <summary>
/// Command-line imports a province reruns with its own corrected files:
/// <c>import-units FILE</c> and <c>import-catalog FILE [yyyy-MM-dd]</c>. They run against the configured database,
/// print a report and exit; the web server does not start.
/// </summary>
public static class ImportCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "import-units" or "import-catalog" or Registers.RegisterImportCommand.Name;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // `dotnet run --project` starts the app in the project folder: resolve a relative path from the caller's folder too.
        if (args.Length > 1 && !Path.IsPathRooted(args[1]) && !File.Exists(args[1]) && Environment.GetEnvironmentVariable("PWD") is { } pwd)
            args[1] = Path.Combine(pwd, args[1]);
        if (args[0] == Registers.RegisterImportCommand.Name) return await Registers.RegisterImportCommand.RunAsync(app, args);
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: {args[0]} FILE{(args[0] == "import-catalog" ? " [effective-from yyyy-MM-dd]" : "")} (file not found: {(args.Length > 1 ? args[1] : "none")})");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await DatabaseSetup.MigrateAsync(db);
        try
        {
            if (args[0] == "import-units")
            {
                UnitImportPlan plan;
                await using (var file = File.OpenRead(args[1])) plan = UnitFileReader.Read(file);
                Console.WriteLine(plan.Summary());
                foreach (var problem in plan.Problems)
                    Console.WriteLine($"  {problem.Kind}: {problem.Detail}");
                var report = await UnitImporter.ImportAsync(db, plan);
                Console.WriteLine(report);
            }
            else
            {
                var effective = args.Length > 2 ? DateOnly.ParseExact(args[2], "yyyy-MM-dd") : time.GetUtcNow().LocalDate();
                var catalog = ProcedureCatalogFile.Parse(await File.ReadAllTextAsync(args[1]));
                var report = await CatalogImporter.ImportAsync(db, catalog, effective, time.GetUtcNow(), "import-catalog");
                Console.WriteLine(report);
            }
            return 0;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Import refused, nothing changed: {ex.Message}");
            return 1;
        }
    }
}
