using Microsoft.EntityFrameworkCore;

namespace MotCua.Data;

/// <summary>The production database. Migrations in Migrations/Postgres.</summary>
public sealed class PostgresMotCuaDbContext(DbContextOptions<PostgresMotCuaDbContext> options) : MotCuaDbContext(options)
{
    public override bool IsPostgres => true;
}
