using MotCua.Data;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary><c>import-register FILE UNITCODE</c>: imports a CSV or Excel file of old register entries for today's unit UNITCODE.</summary>
public static class RegisterImportCommand
{
    public const string Name = "import-register";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 3 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: {Name} FILE UNITCODE   (.csv, .xlsx or .xls; columns in docs/registers.md) (file not found: {(args.Length > 1 ? args[1] : "none")})");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        // On a database that was never started, the units (and their lineage) come first.
        await MotCua.Data.Seeding.ReferenceDataSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(Name));
        var lineage = await scope.ServiceProvider.GetRequiredService<UnitLineageCache>().GetAsync();
        if (!lineage.ProvinceOfCurrent.ContainsKey(args[2]))
        {
            Console.Error.WriteLine($"Import refused, nothing changed: {args[2]} is not the code of a current unit.");
            return 2;
        }
        var import = scope.ServiceProvider.GetRequiredService<ImportRegister>();
        ImportRegister.Report report;
        await using (var file = File.OpenRead(args[1]))
            report = await import.RunAsync(file, args[1], args[2], Environment.UserName + "@" + Name, CancellationToken.None);
        Console.WriteLine(report.Imported
            ? $"Imported {report.Rows} entries for unit {args[2]} in {report.Seconds:F1} s ({report.RowsPerSecond:F0} rows/s), import #{report.ImportId}."
            : report.Refused > 0 ? $"Import refused, nothing changed: {report.Refused} of {report.Rows} rows refused." : "Import refused, nothing changed:");
        foreach (var p in report.Problems)
            Console.WriteLine($"  row {p.Row}, {p.Column}: {p.Code}{(p.Value is null ? "" : $" ({p.Value})")}: {p.Message}");
        if (report.Refused > report.Problems.Count) Console.WriteLine($"  ... only the first {report.Problems.Count} problems are listed.");
        return report.Imported ? 0 : 1;
    }
}
