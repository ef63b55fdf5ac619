using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;

namespace MotCua.Data;

/// <summary>The production database. Migrations in Migrations/Postgres.</summary>
public sealed class PostgresMotCuaDbContext(DbContextOptions<PostgresMotCuaDbContext> options) : MotCuaDbContext(options)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Ids drawn before the insert (the column stays an identity): an intake's dossier and history go in one batch.
        builder.Entity<Dossier>().Property(d => d.Id).HasValueGenerator<DossierIdBlocks>();
    }
}
