using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Labels;

/// <summary>The original "labels" service: a workspace's labels (tags on entries), with colours and archiving.</summary>
public static class LabelsModule
{
    public static WebApplicationBuilder AddLabelsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLabelsModule(this IEndpointRouteBuilder app)
    {
        app.MapLabelsApi();
        return app;
    }
}
