using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries;

/// <summary>
/// The entries service module: entries, transfers, templates and planned entries (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class EntriesModule
{
    public static WebApplicationBuilder AddEntriesModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapEntriesModule(this IEndpointRouteBuilder app) => app;
}
