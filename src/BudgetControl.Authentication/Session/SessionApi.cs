using System.Text.Json.Serialization;
using BudgetControl.Authentication.Tokens;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Authentication.Session;

internal sealed record CheckResponse(string Message, Guid Uuid);

/// <summary>The original's keys: <c>token</c> and camelCase <c>userInfo</c>.</summary>
internal sealed record UserInfoResponse(string? Token, DateTimeOffset? ExpiresAt, [property: JsonPropertyName("userInfo")] UserInfoDocument UserInfo);

internal sealed record LogoutResponse(bool Success, string Message);

internal sealed record PublicUser(Guid Uuid, string Name, string? Email);

/// <summary>What a signed-in client does with its session: check it, get its user-info and X-BC-Token, end it.</summary>
internal static class SessionApi
{
    public static void MapSession(this RouteGroupBuilder auth)
    {
        var session = auth.MapGroup("").RequireUser();
        session.MapGet("/check", Check);
        session.MapGet("/user-info", GetUserInfo);
        session.MapGet("/logout", Logout);
        session.MapPost("/logout", Logout);
        session.MapGet("/user-info/by-email/{email}", ByEmail);
    }

    private static Ok<CheckResponse> Check(CurrentUser user) =>
        TypedResults.Ok(new CheckResponse("You are authenticated", user.Uuid));

    /// <summary>
    /// The user's profile and workspaces, and a workspace-session token for <c>X-WS</c> (or the current
    /// workspace), also sent as the <c>X-BC-Token</c> response header. A workspace the user does not
    /// belong to is a 404.
    /// </summary>
    private static async Task<Results<Ok<UserInfoResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult, ValidationProblem>> GetUserInfo(
        HttpContext http, CurrentUser user, BudgetDbContext db, SessionTokens sessions, Hosting.Sessions.SessionSettings settings, CancellationToken ct)
    {
        Guid? requested = null;
        var header = http.Request.Headers[Tenancy.WorkspaceHeader].ToString();
        if (header.Length > 0)
        {
            if (!Guid.TryParse(header, out var ws))
            {
                return Problems.Invalid(Tenancy.WorkspaceHeader, "The X-WS header must be a workspace uuid.");
            }
            requested = ws;
        }
        var info = await UserInfo.BuildAsync(db, user.Id, requested, settings, ct);
        if (info is null)
        {
            return Problems.NotFound("The workspace");
        }
        if (!Guid.TryParse(info.CurrentWs, out var current))
        {
            return TypedResults.Ok(new UserInfoResponse(null, null, info));
        }
        var (token, expires) = sessions.Issue(user.Uuid, current);
        http.Response.Headers[SessionTokens.HeaderName] = token;
        return TypedResults.Ok(new UserInfoResponse(token, expires, info));
    }

    /// <summary>Revokes this session's authorization: its refresh tokens and access tokens stop working at once.</summary>
    private static async Task<Ok<LogoutResponse>> Logout(HttpContext http, TokenRevocation revocation, CancellationToken ct)
    {
        if (http.User.GetClaim(Claims.Private.AuthorizationId) is { Length: > 0 } authorizationId)
        {
            await revocation.RevokeAuthorizationAsync(authorizationId, ct);
        }
        return TypedResults.Ok(new LogoutResponse(true, "User logged out"));
    }

    /// <summary>Finds a user by e-mail, but only among people the caller already shares a workspace with (or themself).</summary>
    private static async Task<Results<Ok<PublicUser>, ProblemHttpResult>> ByEmail(string email, CurrentUser user, BudgetDbContext db, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var found = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized)
            .Where(u => u.Id == user.Id || u.Memberships.Any(m => m.Workspace!.Members.Any(o => o.UserId == user.Id)))
            .Select(u => new PublicUser(u.Uuid, u.Name, u.Email))
            .FirstOrDefaultAsync(ct);
        return found is null ? Problems.NotFound("The user") : TypedResults.Ok(found);
    }
}
