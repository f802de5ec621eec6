// The provider's own (internal) helper is the reference the replacement is compared with.
#pragma warning disable EF1001
using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BudgetControl.Tests;

/// <summary>
/// PostgreSQL's identifiers are written by our <see cref="PostgresIdentifiers"/> (no DataTable, so no System.Private.Xml
/// in the server): exactly as Npgsql's EF Core provider writes them.
/// </summary>
public sealed class PostgresIdentifiersTests
{
    [Fact]
    public void The_reserved_words_are_the_ones_Npgsql_lists()
    {
        using var connection = new NpgsqlConnection();
        var npgsql = connection.GetSchema("ReservedWords").Rows.Cast<System.Data.DataRow>().Select(r => (string)r["ReservedWord"]);
        Assert.Equal(npgsql.Order(StringComparer.Ordinal), PostgresIdentifiers.ReservedWords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_replacement_overrides_every_method_the_provider_overrides()
    {
        // A provider upgrade that overrides more of the relational helper must be mirrored here (or the replacement dropped).
        static string[] Overrides(Type type) => [.. type
            .GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType)
            .Select(m => m.ToString()!)
            .Order(StringComparer.Ordinal)];
        var provider = Overrides(typeof(Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlSqlGenerationHelper));
        Assert.NotEmpty(provider);
        Assert.Equal(provider, Overrides(typeof(PostgresIdentifiers)));
    }

    [Fact]
    public void Every_identifier_of_the_model_is_written_as_the_provider_writes_it()
    {
        var options = new DbContextOptionsBuilder<BudgetDbContext>();
        new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused").Configure(options);
        using var db = new BudgetDbContext(options.Options);
        var ours = db.GetService<ISqlGenerationHelper>();
        Assert.IsType<PostgresIdentifiers>(ours);
        var provider = new Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlSqlGenerationHelper(
            db.GetService<RelationalSqlGenerationHelperDependencies>());
        var names = db.Model.GetRelationalModel().Tables.SelectMany(t => new[] { t.Name }
                .Concat(t.Columns.Select(c => c.Name))
                .Concat(t.Indexes.Select(i => i.Name))
                .Concat(t.UniqueConstraints.Select(u => u.Name))
                .Concat(t.ForeignKeyConstraints.Select(f => f.Name)))
            .Concat(["order", "user", "Order", "camelCase", "_under", "9lives", "a$b", "with space", "quote\"d", "é", "ÉCOLE", "ß"])
            .Distinct()
            .ToList();
        Assert.True(names.Count > 100);
        Assert.All(names, name =>
        {
            Assert.Equal(provider.DelimitIdentifier(name), ours.DelimitIdentifier(name));
            Assert.Equal(provider.DelimitIdentifier(name, "public"), ours.DelimitIdentifier(name, "public"));
            var (a, b) = (new System.Text.StringBuilder(), new System.Text.StringBuilder());
            provider.DelimitIdentifier(a, name);
            ours.DelimitIdentifier(b, name);
            Assert.Equal(a.ToString(), b.ToString());
        });
    }
}
