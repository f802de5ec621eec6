using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>
/// Label and payee names are unique among a workspace's live rows, ignoring case (beyond ASCII too): a
/// unique index decides, so concurrent creates of one name give one row and 409s for the others.
/// </summary>
public abstract class UniqueNameTests(BudgetApp app)
{
    [Theory]
    [InlineData("/api/label", "/api/label/list")]
    [InlineData("/api/payees", "/api/payees")]
    public async Task Concurrent_creates_of_one_name_give_one_row_and_409s(string create, string list)
    {
        var user = await app.NewUserAsync();
        var client = user.Client(await user.CreateWorkspaceAsync());

        var names = new[] { "Groceries", "groceries", "GROCERIES", "Groceries" };
        var answers = await Task.WhenAll(names.Select(name => client.PostAsJsonAsync(create, new { name })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(names.Length - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var rows = (await (await client.GetAsync(list)).Json()).AsArray();
        Assert.Single(rows, r => string.Equals((string)r!["name"]!, "groceries", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/api/label")]
    [InlineData("/api/payees")]
    public async Task Names_differing_only_in_case_beyond_ascii_conflict(string create)
    {
        var user = await app.NewUserAsync();
        var client = user.Client(await user.CreateWorkspaceAsync());

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(create, new { name = "Éclairs à Zürich" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync(create, new { name = "éclairs À ZÜRICH" })).StatusCode);
    }

    [Fact]
    public async Task A_deleted_label_frees_its_name()
    {
        var user = await app.NewUserAsync();
        var client = user.Client(await user.CreateWorkspaceAsync());

        var first = await (await client.PostAsJsonAsync("/api/label", new { name = "Trips" })).Json();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/label/{(string)first["uuid"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/label", new { name = "trips" })).StatusCode);
    }
}

public sealed class SqliteUniqueNameTests(SqliteApp app) : UniqueNameTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresUniqueNameTests(PostgresApp app) : UniqueNameTests(app), IClassFixture<PostgresApp>;
