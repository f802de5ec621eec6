using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using BudgetControl.Workspace.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.SignUp;

/// <summary>
/// <c>POST /api/auth/{userUuid}/finalize/sign-up</c>: the first login creates the user's workspace (same
/// payload and rules as <c>/api/workspace/create</c>) and starts a session in it. Only for oneself: the
/// original let any token create workspaces for any user.
/// </summary>
internal static class FinalizeSignUp
{
    public static async Task<Results<Ok<FinalizeSignUpResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string userUuid, CreateWorkspaceRequest? request, CurrentUser user, WorkspaceCreator creator, SessionTokens sessionTokens,
        BudgetDbContext db, HttpResponse response, Hosting.Sessions.SessionSettings settings, CancellationToken ct)
    {
        if (!Guid.TryParse(userUuid, out var uuid) || uuid != user.Uuid)
        {
            return Problems.NotFound("The user");
        }
        var outcome = await creator.CreateAsync(user, request, ct);
        if (outcome.Workspace is not { } workspace)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }
        var userInfo = await UserInfo.BuildAsync(db, user.Id, workspace.Uuid, settings, ct);
        if (userInfo is null)
        {
            return WorkspaceAccess.NotFound();
        }
        var (token, expiresAt) = sessionTokens.Issue(user.Uuid, workspace.Uuid);
        response.Headers[SessionTokens.HeaderName] = token;
        return TypedResults.Ok(new FinalizeSignUpResponse(token, expiresAt, userInfo));
    }
}

/// <summary>
/// The same shape as <c>GET /api/auth/user-info</c>: <c>{token, expires_at, userInfo}</c>, with the
/// original's camelCase <c>userInfo</c> key that existing clients read.
/// </summary>
internal sealed record FinalizeSignUpResponse(string Token, DateTimeOffset ExpiresAt, [property: JsonPropertyName("userInfo")] UserInfoDocument UserInfo);
