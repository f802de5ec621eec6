using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.SearchEngine;

/// <summary>
/// The searchengine service module: full-text search (issue: analytics).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class SearchEngineModule
{
    public static WebApplicationBuilder AddSearchEngineModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapSearchEngineModule(this IEndpointRouteBuilder app) => app;
}
