using BudgetControl.Hosting;
using BudgetControl.Hosting.Cache;
using BudgetControl.Workspace.Members;
using BudgetControl.Workspace.SignUp;
using BudgetControl.Workspace.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Workspace;

/// <summary>The module's route table (the original Gateway paths); handlers live in one file per feature.</summary>
internal static class WorkspaceApi
{
    public static void MapWorkspaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workspace/current", GetCurrentWorkspace.Handle).WithTags("Workspaces").RequireWorkspace().CacheReads();

        var workspaces = app.MapGroup("/api/workspace").WithTags("Workspaces").RequireUser();
        workspaces.MapGet("/list", ListWorkspaces.All);
        workspaces.MapGet("/by-user/list", ListWorkspaces.Owned);
        workspaces.MapGet("/last", GetLastWorkspace.Handle);
        workspaces.MapGet("/{id}", GetWorkspace.Handle);
        workspaces.MapPost("/create", CreateWorkspace.Handle);
        workspaces.MapPut("/update/{id}", UpdateWorkspace.Handle);
        workspaces.MapPatch("/activate/{id}", ActivateWorkspace.Handle);
        workspaces.MapDelete("/{id}", DeleteWorkspace.Handle);

        workspaces.MapPost("/{wsId}/share", ShareWorkspace.Handle);
        workspaces.MapDelete("/{wsId}/unshare/{userUuid}", UnshareWorkspace.Handle);
        workspaces.MapPut("/{wsId}/members/{userUuid}", ChangeMemberRole.Handle);

        // Finishing sign-up creates the user's first workspace, so it lives here rather than in authentication.
        app.MapGroup("/api/auth").WithTags("Workspaces").RequireUser()
            .MapPost("/{userUuid}/finalize/sign-up", FinalizeSignUp.Handle);
    }
}
