using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

internal static class StatisticsRowMapping
{
    public static void Map<T>(EntityTypeBuilder<T> e, string table) where T : StatisticsRow
    {
        e.ToTable(table);
        e.HasKey(r => new { r.UnitCode, r.Day, r.ProcedureCode, r.Channel });
        MapColumns(e);
    }

    public static void MapColumns<T>(EntityTypeBuilder<T> e) where T : StatisticsRow
    {
        e.Property(r => r.UnitCode).HasMaxLength(64);
        e.Property(r => r.ProcedureCode).HasMaxLength(32);
        e.ComplexProperty(r => r.Counts, c =>
        {
            foreach (var name in FigureCounts.Names) c.Property<long>(name).HasColumnName(name);
        });
    }
}

internal sealed class StatisticsDayConfiguration : IEntityTypeConfiguration<StatisticsDay>
{
    public void Configure(EntityTypeBuilder<StatisticsDay> e) => StatisticsRowMapping.Map(e, "statistics_daily");
}

internal sealed class StatisticsMonthConfiguration : IEntityTypeConfiguration<StatisticsMonth>
{
    public void Configure(EntityTypeBuilder<StatisticsMonth> e) => StatisticsRowMapping.Map(e, "statistics_monthly");
}

internal sealed class StatisticsProvinceMonthConfiguration : IEntityTypeConfiguration<StatisticsProvinceMonth>
{
    /// <summary>Keyed province first, then the month: a province's period is one range of the key.</summary>
    public void Configure(EntityTypeBuilder<StatisticsProvinceMonth> e)
    {
        e.ToTable("statistics_province_monthly");
        e.HasKey(r => new { r.ProvinceCode, r.Day, r.UnitCode, r.ProcedureCode, r.Channel, r.Stripe });
        e.Property(r => r.ProvinceCode).HasMaxLength(64);
        StatisticsRowMapping.MapColumns(e);
    }
}

internal sealed class StatisticsOfficerDayConfiguration : IEntityTypeConfiguration<StatisticsOfficerDay>
{
    public void Configure(EntityTypeBuilder<StatisticsOfficerDay> e)
    {
        e.ToTable("statistics_officer_daily");
        e.HasKey(r => new { r.UnitCode, r.Day, r.UserName });
        e.Property(r => r.UnitCode).HasMaxLength(64);
        e.Property(r => r.UserName).HasMaxLength(256);
    }
}

internal sealed class DossierRatingConfiguration : IEntityTypeConfiguration<DossierRating>
{
    public void Configure(EntityTypeBuilder<DossierRating> e)
    {
        e.ToTable("dossier_ratings");
        e.HasIndex(r => r.DossierId).IsUnique();
        e.Property(r => r.RatedBy).HasMaxLength(256);
        e.HasOne<Dossier>().WithMany().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Pending figures (within time / overdue) count open dossiers now: a partial index holds only the open ones, and every
/// column the count reads, so it is answered from the index (PostgreSQL: an index-only scan) whatever the settled history.
/// </summary>
internal sealed class DossierOpenIndexConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> e) =>
        e.HasIndex(d => new { d.UnitCode, d.ProcedureCode, d.DueAt, d.ClockStoppedAt }, "IX_dossiers_open")
            .HasFilter($"\"CompletedAt\" IS NULL AND \"Status\" <> {(int)DossierStatus.Withdrawn}");
}
