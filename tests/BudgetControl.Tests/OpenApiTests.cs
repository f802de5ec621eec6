using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>The OpenAPI document tells clients what every endpoint answers.</summary>
public sealed class OpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_endpoint_lists_its_success_response_and_its_type()
    {
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Json();
        var missing = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }
                operations++;
                var responses = operation!["responses"]?.AsObject() ?? [];
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                // A success answer is declared, and unless it is 204 No Content, with the type of its body.
                var typed = success.Any(r => r.Key == "204" || HasSchema(r.Value));
                if (!typed)
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }
        Assert.True(operations > 80, $"only {operations} operations described");
        Assert.True(HasSchema(document["paths"]!["/api/entry/expense"]!["post"]!["responses"]!["201"]));
        Assert.True(HasSchema(document["paths"]!["/api/entry/{uuid}"]!["put"]!["responses"]!["200"]));
        Assert.True(missing.Count == 0, "Without a typed success response: " + string.Join(", ", missing));
    }

    private static bool HasSchema(JsonNode? response) =>
        response?["content"]?.AsObject().Any(c => c.Value?["schema"] is not null) == true;
}
