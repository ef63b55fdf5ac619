using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data;
using MotCua.Web.Infrastructure;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

namespace MotCua.Web.Tests.Data;

/// <summary>The app's Npgsql choices (auto-prepare, no reset on close) apply unless the connection string says otherwise.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void Defaults_are_added_to_a_connection_string_that_does_not_name_them()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Database=motcua;Username=motcua;Maximum Pool Size=50"));
        Assert.Equal(32, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(50, built.MaxPoolSize);
        Assert.Equal("db", built.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Host=db;max auto prepare=0;no reset on close=false")]
    public void What_the_connection_string_says_wins(string connectionString)
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults(connectionString));
        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }
}

/// <summary>The running app on PostgreSQL connects with those choices.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionDefaultsTests_Postgres(PostgresApp app)
{
    [Fact]
    public void The_app_prepares_its_busy_statements_and_does_not_reset_pooled_connections()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var built = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(32, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
    }
}
