using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Seeding;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>A province reruns the imports with its own corrected files: nothing doubles, changes land, bad files change nothing.</summary>
public abstract class ImportApiTests(MotCuaApp app) : ApiTestBase(app)
{
    private async Task<T> WithDbAsync<T>(Func<MotCuaDbContext, Task<T>> work)
    {
        using var scope = App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>());
    }

    [Fact]
    public async Task Rerunning_the_unit_import_changes_only_what_the_file_changes()
    {
        UnitImportPlan plan;
        await using (var file = ReferenceDataSeeder.OpenSeed("units.address.json")) plan = UnitFileReader.Read(file);
        var again = await WithDbAsync(db => UnitImporter.ImportAsync(db, plan));
        Assert.Equal(0, again.Inserted);
        Assert.Equal(plan.Units.Count, again.Unchanged + again.Updated);
        Assert.Equal(0, again.ReceptionPointsAdded);

        // A corrected name for one ward (a province's own file).
        var units = plan.Units.Select(u => u.Code == "30505" && u.EffectiveTo is null ? u with { Name = "Phường Chi Lăng (đã sửa)" } : u).ToList();
        var corrected = new UnitImportPlan(units, plan.Successions, plan.Problems);
        var report = await WithDbAsync(db => UnitImporter.ImportAsync(db, corrected));
        Assert.Equal(1, report.Updated);
        var name = await WithDbAsync(db => db.CurrentUnits().Where(u => u.Code == "30505").Select(u => u.Name).SingleAsync());
        Assert.Equal("Phường Chi Lăng (đã sửa)", name);
        var successions = await WithDbAsync(db => db.UnitSuccessions.CountAsync());
        Assert.Equal(plan.Successions.Select(s => (s.PredecessorCode, s.SuccessorCode)).Distinct().Count(), successions);
        await WithDbAsync(db => UnitImporter.ImportAsync(db, plan)); // put the shipped name back for other tests
    }

    [Fact]
    public async Task A_catalog_import_adds_versions_only_for_changed_procedures()
    {
        // Only the certification procedure, so the versions this test adds touch no other test's procedure.
        var file = ProcedureCatalogFile.Parse(ReferenceDataSeeder.ReadSeed("procedures.json"));
        var catalog = file with { Procedures = file.Procedures.Where(p => p.Code == CopyCertification).ToList() };
        var first = new DateOnly(2030, 1, 1).AddDays(Random.Shared.Next(0, 3000));
        // Bring the stored catalog in line with the file (other tests may have added versions), then rerun it.
        await WithDbAsync(db => CatalogImporter.ImportAsync(db, catalog, first, DateTimeOffset.UtcNow, "test"));
        var unchanged = await WithDbAsync(db => CatalogImporter.ImportAsync(db, catalog, first.AddDays(1), DateTimeOffset.UtcNow, "test"));
        Assert.Equal(0, unchanged.VersionsAdded);
        Assert.Equal(catalog.Procedures.Count, unchanged.Unchanged);
        var day = first.AddDays(2);
        var changed = catalog with
        {
            Procedures = catalog.Procedures.Select(p => p.Code == CopyCertification ? p with { Fee = p.Fee + 1000 } : p).ToList(),
        };
        var report = await WithDbAsync(db => CatalogImporter.ImportAsync(db, changed, day, DateTimeOffset.UtcNow, "test"));
        Assert.Equal(1, report.VersionsAdded);
        var versions = await WithDbAsync(db => db.ProcedureVersions.Where(v => v.ProcedureCode == CopyCertification).OrderBy(v => v.VersionNo).ToListAsync());
        Assert.Equal(day, versions[^1].EffectiveFrom);
        Assert.Equal(day.AddDays(-1), versions[^2].EffectiveTo);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WithDbAsync(db => CatalogImporter.ImportAsync(db, catalog, day, DateTimeOffset.UtcNow, "test")));
    }
}

[Collection(SqliteCollection.Name)] public sealed class ImportApiTests_Sqlite(SqliteApp app) : ImportApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class ImportApiTests_Postgres(PostgresApp app) : ImportApiTests(app);
