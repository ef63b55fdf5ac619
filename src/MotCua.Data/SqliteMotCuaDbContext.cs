using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MotCua.Data;

/// <summary>The embedded database for one unit on one machine. Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteMotCuaDbContext(DbContextOptions<SqliteMotCuaDbContext> options) : MotCuaDbContext(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no date-time-with-offset or decimal type that sorts and compares in SQL:
        // instants are stored as UTC ticks, money and day counts as REAL.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<decimal>().HaveConversion<double>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
