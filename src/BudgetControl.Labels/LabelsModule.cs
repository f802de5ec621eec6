using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Labels;

/// <summary>
/// The labels service module: labels (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class LabelsModule
{
    public static WebApplicationBuilder AddLabelsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLabelsModule(this IEndpointRouteBuilder app) => app;
}
