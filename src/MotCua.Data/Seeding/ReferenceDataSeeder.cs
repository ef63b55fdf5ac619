using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MotCua.Core.Calendar;
using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data.Entities;

namespace MotCua.Data.Seeding;

/// <summary>
/// First-start load of the reference data shipped with MotCua (Seed/*.json, embedded): administrative units with their
/// 2025 lineage, the procedure catalog and the calendar years of the official decisions. Each part is loaded only when
/// its table is empty; a province replaces them with the import commands.
/// </summary>
public static class ReferenceDataSeeder
{
    /// <summary>The day the 2025 two-level local government took effect; the shipped catalog's version 1 starts then.</summary>
    public static readonly DateOnly CatalogEpoch = new(2025, 7, 1);

    public static async Task SeedAsync(MotCuaDbContext db, TimeProvider time, ILogger log, CancellationToken ct = default)
    {
        if (!await db.Units.AnyAsync(ct))
        {
            await using var units = OpenSeed("units.address.json");
            var plan = UnitFileReader.Read(units);
            var report = await UnitImporter.ImportAsync(db, plan, ct);
            log.LogInformation("Administrative units loaded: {Report}", report.ToString());
            foreach (var line in plan.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                log.LogInformation("Unit file: {Line}", line);
        }
        if (!await db.ProcedureVersions.AnyAsync(ct))
        {
            var catalog = ProcedureCatalogFile.Parse(ReadSeed("procedures.json"));
            var report = await CatalogImporter.ImportAsync(db, catalog, CatalogEpoch, time.GetUtcNow(), "seed", ct);
            log.LogInformation("Procedure catalog loaded: {Report}", report.ToString());
        }
        if (!await db.CalendarYears.AnyAsync(ct))
        {
            foreach (var year in CalendarYearFile.Parse(ReadSeed("calendar.json")))
                db.CalendarYears.Add(new CalendarYearRecord
                {
                    Year = year.Year, Holidays = year.Holidays.ToList(), WorkingWeekends = year.WorkingWeekends.ToList(),
                    Source = year.Source, UpdatedAt = time.GetUtcNow(), UpdatedBy = "seed",
                });
            await db.SaveChangesAsync(ct);
        }
    }

    public static Stream OpenSeed(string name) =>
        typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream($"MotCua.Data.Seed.{name}")
        ?? throw new InvalidOperationException($"Embedded seed file {name} is missing.");

    public static string ReadSeed(string name)
    {
        using var reader = new StreamReader(OpenSeed(name));
        return reader.ReadToEnd();
    }
}
