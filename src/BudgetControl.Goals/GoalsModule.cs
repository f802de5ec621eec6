using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Goals;

/// <summary>
/// The original "Goals" service: savings goals of a workspace (target, due date, status). A goal's
/// balance is the sum of the saving entries into it, kept by the Entries module; this module never writes it.
/// </summary>
public static class GoalsModule
{
    public static WebApplicationBuilder AddGoalsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapGoalsModule(this IEndpointRouteBuilder app)
    {
        app.MapGoalsApi();
        return app;
    }
}
