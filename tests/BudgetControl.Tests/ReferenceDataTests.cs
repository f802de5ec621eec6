using System.Net;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

public abstract class ReferenceDataTests(BudgetApp app)
{
    [Theory]
    [InlineData("/api/payment-types")]
    [InlineData("/api/currencies")]
    [InlineData("/api/categories")]
    [InlineData("/api/categories-subcategories")]
    public async Task Reference_data_needs_an_access_token(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reference_data_keeps_the_original_shapes()
    {
        var client = (await app.NewUserAsync()).Client();

        var paymentTypes = (await (await client.GetAsync("/api/payment-types")).Json()).AsArray();
        Assert.Equal(5, paymentTypes.Count);
        Assert.Equal("Credit Card", (string)paymentTypes[0]!["name"]!);
        Assert.Equal(1, (int)paymentTypes[0]!["id"]!);

        var currencies = (await (await client.GetAsync("/api/currencies")).Json()).AsArray();
        Assert.Equal(20, currencies.Count);
        var euro = currencies.Single(c => (int)c!["id"]! == 2)!;
        Assert.Equal("EUR", (string)euro["label"]!);
        Assert.Equal("€", (string)euro["icon"]!);
        Assert.Equal("euro", (string)euro["slug"]!);

        var subCategories = (await (await client.GetAsync("/api/categories")).Json()).AsArray();
        Assert.Equal(76, subCategories.Count);
        var loans = subCategories.Single(s => (int)s!["id"]! == 55)!;
        Assert.Equal(8, (int)loans["category_id"]!);
        Assert.Equal("financial_expenses", (string)loans["category"]!["slug"]!);

        var categories = (await (await client.GetAsync("/api/categories-subcategories")).Json()).AsArray();
        Assert.Equal(11, categories.Count);
        Assert.Equal(76, categories.Sum(c => c!["subCategories"]!.AsArray().Count));
        Assert.Equal("incoming", (string)categories.Single(c => (int)c!["id"]! == 10)!["type"]!);
    }
}

public sealed class SqliteReferenceDataTests(SqliteApp app) : ReferenceDataTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReferenceDataTests(PostgresApp app) : ReferenceDataTests(app), IClassFixture<PostgresApp>;
