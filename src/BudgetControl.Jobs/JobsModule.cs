using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Jobs;

/// <summary>
/// The jobs service module: the background jobs worker (issue: jobs).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class JobsModule
{
    public static WebApplicationBuilder AddJobsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapJobsModule(this IEndpointRouteBuilder app) => app;
}
