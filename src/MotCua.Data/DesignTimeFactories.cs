using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MotCua.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMotCuaDbContext>
{
    public SqliteMotCuaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMotCuaDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMotCuaDbContext>
{
    public PostgresMotCuaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMotCuaDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
