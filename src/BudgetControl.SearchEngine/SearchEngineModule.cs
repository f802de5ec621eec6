using BudgetControl.SearchEngine.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.SearchEngine;

/// <summary>
/// The original "SearchEngine" service: <c>POST /api/find</c>, full-text search over the workspace's
/// entries with filters, ranked and keyset-paginated (docs/decisions/0009-search.md). It only reads.
/// </summary>
public static class SearchEngineModule
{
    public static WebApplicationBuilder AddSearchEngineModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new SearchSettings(
            builder.Configuration.GetValue("Search:SqliteIndexListLimit", SearchSettings.DefaultSqliteIndexListLimit)));
        builder.Services.AddSingleton<SearchNamesCache>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSearchEngineModule(this IEndpointRouteBuilder app)
    {
        app.MapSearchApi();
        return app;
    }
}
