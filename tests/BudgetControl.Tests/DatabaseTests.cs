using System.Net;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>The migrations of each provider build the whole model and seed the original reference data.</summary>
public abstract class DatabaseTests(BudgetApp app)
{
    [Fact]
    public async Task Health_answers_200_once_the_database_is_migrated()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Migrations_are_applied_and_match_the_model()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        Assert.Equal(app.Provider == DatabaseProvider.Postgres, db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // A model change without a migration for this provider fails here.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Reference_data_is_seeded_with_the_original_ids()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        Assert.Equal(11, await db.Categories.CountAsync());
        Assert.Equal(76, await db.SubCategories.CountAsync());
        Assert.Equal(20, await db.Currencies.CountAsync());
        Assert.Equal(5, await db.PaymentTypes.CountAsync());
        Assert.Equal("loans_interests", (await db.SubCategories.SingleAsync(s => s.Id == 55)).Slug);
        Assert.Equal(8, (await db.SubCategories.SingleAsync(s => s.Id == 55)).CategoryId);
        Assert.Equal("EUR", (await db.Currencies.SingleAsync(c => c.Id == 2)).Label);
        Assert.Equal(0, (await db.Currencies.SingleAsync(c => c.Label == "JPY")).MinorUnits);
        Assert.Equal("credit_card", (await db.PaymentTypes.SingleAsync(p => p.Id == 1)).Slug);
        Assert.True((await db.SubCategories.SingleAsync(s => s.Id == 76)).ExcludeFromStats);
    }
}

public sealed class SqliteDatabaseTests(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDatabaseTests(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
