using System.Data.Common;
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
    public async Task The_start_reads_the_applied_migrations_with_one_query_and_still_sees_a_pending_one()
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        Assert.True(await DatabaseRegistration.AllAppliedAsync(database, CancellationToken.None));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var newest = db.Database.GetMigrations().Last();
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE migration_id = {newest}");
        try
        {
            // Not applied per the history: the start goes EF Core's way, which finds it pending (and would apply it).
            Assert.False(await DatabaseRegistration.AllAppliedAsync(database, CancellationToken.None));
            Assert.Equal(new[] { newest }, await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ({newest}, {"10.0.0"})");
        }
        Assert.True(await DatabaseRegistration.AllAppliedAsync(database, CancellationToken.None));

        // A database without the history table (a new one) is not taken for migrated either.
        var empty = Path.Combine(Path.GetTempPath(), $"bc-empty-{Guid.NewGuid():N}.db");
        try
        {
            Assert.False(await DatabaseRegistration.AllAppliedAsync(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={empty};Pooling=false"), CancellationToken.None));
        }
        finally
        {
            File.Delete(empty);
        }
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

    [Fact]
    public async Task The_partial_index_of_unplanned_entries_is_named_for_what_it_holds()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var indexes = await db.Database.SqlQueryRaw<string>(app.Provider == DatabaseProvider.Postgres
            ? "SELECT indexrelid::regclass::text AS \"Value\" FROM pg_index WHERE indrelid = 'entries'::regclass"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries'").ToListAsync();
        // Migration UnplannedIndexName renamed it from the suffixed name EF Core's convention had given it.
        Assert.Contains("ix_entries_unplanned_workspace_id_date_time_id", indexes);
        Assert.Contains("ix_entries_workspace_id_date_time_id", indexes);
        Assert.DoesNotContain("ix_entries_workspace_id_date_time_id1", indexes);
    }

    [Fact]
    public async Task Entries_keep_their_workspace_and_wallet_keys_and_on_postgres_lock_no_reference_row()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (app.Provider != DatabaseProvider.Postgres)
        {
            return; // SQLite keeps every constraint (decision 0013).
        }
        var keys = await db.Database.SqlQueryRaw<string>(
            "SELECT confrelid::regclass::text AS \"Value\" FROM pg_constraint WHERE conrelid = 'entries'::regclass AND contype = 'f'").ToListAsync();
        // Decision 0013: no insert locks the seeded currency, payment type or sub-category rows shared by every writer.
        Assert.DoesNotContain("currencies", keys);
        Assert.DoesNotContain("payment_types", keys);
        Assert.DoesNotContain("sub_categories", keys);
        Assert.Contains("workspaces", keys);
        Assert.Contains("wallets", keys);
        Assert.Contains("payees", keys);
        Assert.Contains("goals", keys);
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT indexrelid::regclass::text AS \"Value\" FROM pg_index WHERE indrelid = 'entries'::regclass").ToListAsync();
        Assert.DoesNotContain("ix_entries_currency_id", indexes);
        Assert.DoesNotContain("ix_entries_payment_type_id", indexes);
        Assert.Contains("ix_entries_category_id", indexes);
    }

    [Fact]
    public async Task On_postgres_the_planner_knows_that_a_wallet_decides_its_workspace()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (app.Provider != DatabaseProvider.Postgres)
        {
            return; // SQLite's planner has no extended statistics.
        }
        // Without it, a one-wallet list of a small workspace among large ones was planned for a few dozen rows and read and
        // sorted thousands (docs/performance.md, "the one-wallet filter in a small workspace").
        var statistics = await db.Database.SqlQueryRaw<string>("""
            SELECT s.stxkind::text || ':' || string_agg(a.attname, ',' ORDER BY a.attname) AS "Value"
            FROM pg_statistic_ext s JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = ANY (s.stxkeys)
            WHERE s.stxrelid = 'entries'::regclass AND s.stxname = 'st_entries_wallet_workspace'
            GROUP BY s.stxkind
            """).ToListAsync();
        Assert.Equal("{f}:wallet_id,workspace_id", Assert.Single(statistics));
    }

    [Fact]
    public async Task Key_lookups_reuse_one_generic_plan_and_every_other_statement_is_planned_for_its_values()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        await db.Database.OpenConnectionAsync(); // one session for every statement below
        // Parameters, as in real look-ups (a statement without any has one plan for every execution anyway).
        var euro = 2;
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("EUR", await db.Currencies.Where(c => c.Id == euro && c.MinorUnits >= 0).Select(c => c.Label).WithGenericPlan().FirstAsync());
            Assert.Equal("EUR", await db.Currencies.Where(c => c.Id == euro && c.MinorUnits > -1).Select(c => c.Label).FirstAsync());
        }
        if (app.Provider != DatabaseProvider.Postgres)
        {
            return; // SQLite has no plan cache to choose: the mark is a comment, and the marked query answers the same.
        }
        // A marked statement that fails takes its SET back with it (the statements share one transaction).
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(GenericPlans.Mark("UPDATE currencies SET label = label WHERE id = 1 / (id - id)")));

        var plans = new List<(string Statement, long Generic, long Custom)>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%currencies%'";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plans.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }
        // Npgsql prepares a statement from its fifth use on; from then on the marked one is never planned again.
        var marked = Assert.Single(plans, p => p.Statement.Contains("minor_units >= 0", StringComparison.Ordinal));
        Assert.True(marked.Generic > 0 && marked.Custom == 0, $"marked: {marked.Generic} generic, {marked.Custom} custom plans");
        var unmarked = Assert.Single(plans, p => p.Statement.Contains("minor_units > -1", StringComparison.Ordinal));
        Assert.True(unmarked.Generic == 0 && unmarked.Custom > 0, $"unmarked: {unmarked.Generic} generic, {unmarked.Custom} custom plans");
        // The session still plans every other statement for its values (a list of a 1M-entry workspace needs that).
        command.CommandText = "SHOW plan_cache_mode";
        Assert.Equal("force_custom_plan", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Sqlite_commits_in_WAL_mode_and_waits_for_the_disk_by_default()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (app.Provider != DatabaseProvider.Sqlite)
        {
            Assert.True(db.Database.IsNpgsql());
            return;
        }
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous";
        // FULL: an entry the API answered for survives a power loss (Database:SqliteSynchronous=NORMAL trades that away).
        Assert.Equal(2L, (long?)await command.ExecuteScalarAsync());
    }
}

public sealed class SqliteDatabaseTests(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDatabaseTests(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
