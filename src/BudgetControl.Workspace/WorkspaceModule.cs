using BudgetControl.Workspace.Members;
using BudgetControl.Workspace.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Workspace;

/// <summary>
/// The original "Workspace" service: workspaces (the tenant boundary), their settings and their members
/// with roles. The routes name the workspace in the path, so each handler checks the caller's membership.
/// </summary>
public static class WorkspaceModule
{
    public static WebApplicationBuilder AddWorkspaceModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorkspaceCreator>();
        builder.Services.AddSingleton<ShareMail>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkspaceModule(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceApi();
        return app;
    }
}
