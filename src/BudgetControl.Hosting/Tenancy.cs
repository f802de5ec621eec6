using System.Security.Claims;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace BudgetControl.Hosting;

/// <summary>The signed-in user, resolved from the access token's subject. Bind it as a handler parameter.</summary>
public sealed record CurrentUser(int Id, Guid Uuid)
{
    internal const string ItemKey = "bc.user";

    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[ItemKey] as CurrentUser);
}

/// <summary>
/// The workspace a request works in and the caller's role there. Every workspace-scoped query filters
/// by <see cref="WorkspaceId"/>; the scope is established once, by <see cref="Tenancy.RequireWorkspace"/>.
/// </summary>
public sealed record WorkspaceScope(int WorkspaceId, Guid WorkspaceUuid, int UserId, Guid UserUuid, WorkspaceRole Role)
{
    internal const string ItemKey = "bc.scope";

    public bool CanWrite => Role >= WorkspaceRole.Member;
    public bool CanManage => Role >= WorkspaceRole.Admin;

    public static ValueTask<WorkspaceScope?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[ItemKey] as WorkspaceScope);
}

/// <summary>A user's membership as cached: which workspace (internal id) and which role.</summary>
public sealed record Membership(int WorkspaceId, int UserId, WorkspaceRole Role);

/// <summary>
/// Membership and user look-ups, cached for 30 seconds (HybridCache). The writes that change a membership
/// remove its key, which clears this process's copy and the shared L2 (Redis) when there is one, so in the
/// all-in-one process a removed member is refused on the next request; another process of the split
/// topology may keep its in-memory copy, and let the removed member in, for up to 30 seconds. The cache is
/// never the source of truth: when it fails, the database answers.
/// </summary>
public sealed class MembershipCache(HybridCache cache, IServiceScopeFactory scopes, ILogger<MembershipCache> logger)
{
    private static readonly HybridCacheEntryOptions Brief = new()
    {
        Expiration = TimeSpan.FromSeconds(30),
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    public Task<Membership?> GetMembershipAsync(Guid workspaceUuid, Guid userUuid, CancellationToken cancellationToken) =>
        CachedAsync(MemberKey(workspaceUuid, userUuid), async db =>
        {
            var row = await db.WorkspaceMembers
                .Where(m => m.Workspace!.Uuid == workspaceUuid && m.User!.Uuid == userUuid)
                .Select(m => new { m.WorkspaceId, m.UserId, m.Role })
                .FirstOrDefaultAsync(cancellationToken);
            return row is null ? null : new Membership(row.WorkspaceId, row.UserId, row.Role);
        }, cancellationToken);

    public Task<int?> GetUserIdAsync(Guid userUuid, CancellationToken cancellationToken) =>
        CachedAsync(UserKey(userUuid), async db =>
        {
            var ids = await db.Users.Where(u => u.Uuid == userUuid).Select(u => (int?)u.Id).ToListAsync(cancellationToken);
            return ids.FirstOrDefault();
        }, cancellationToken);

    public async Task ForgetMembershipAsync(Guid workspaceUuid, Guid userUuid)
    {
        try
        {
            await cache.RemoveAsync(MemberKey(workspaceUuid, userUuid));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Cache unavailable while forgetting a membership");
        }
    }

    public async Task ForgetUserAsync(Guid userUuid)
    {
        try
        {
            await cache.RemoveAsync(UserKey(userUuid));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Cache unavailable while forgetting a user");
        }
    }

    private static string MemberKey(Guid workspace, Guid user) => $"bc:member:{workspace:N}:{user:N}";
    private static string UserKey(Guid user) => $"bc:user:{user:N}";

    private async Task<T> CachedAsync<T>(string key, Func<BudgetDbContext, Task<T>> load, CancellationToken cancellationToken)
    {
        async Task<T> FromDatabase()
        {
            await using var scope = scopes.CreateAsyncScope();
            return await load(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
        }
        try
        {
            return await cache.GetOrCreateAsync(key, async _ => await FromDatabase(), Brief, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Cache unavailable; reading {Key} from the database", key);
            return await FromDatabase();
        }
    }
}

public static class Tenancy
{
    /// <summary>Header naming the workspace directly, as an alternative to <c>X-BC-Token</c>.</summary>
    public const string WorkspaceHeader = "X-WS";

    /// <summary>Requires a valid access token and resolves <see cref="CurrentUser"/>.</summary>
    public static TBuilder RequireUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.WithMetadata(new ScopeRequirement(Workspace: false));
        return builder;
    }

    /// <summary>
    /// Requires a valid access token plus <c>X-BC-Token</c> or <c>X-WS</c> naming a workspace the caller
    /// belongs to, and resolves <see cref="WorkspaceScope"/>. Foreign workspaces answer 404; viewers may
    /// only read.
    /// </summary>
    public static TBuilder RequireWorkspace<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.WithMetadata(new ScopeRequirement(Workspace: true));
        // Every write to the workspace makes its cached reads unreachable (Cache/WorkspaceReads.cs).
        builder.AddEndpointFilter(Cache.WorkspaceReads.BumpAfterWriteAsync);
        return builder;
    }

    /// <summary>
    /// Establishes <see cref="CurrentUser"/> and <see cref="WorkspaceScope"/> for endpoints that require
    /// them, after authorization and before parameter binding; answers the problem when it cannot.
    /// </summary>
    internal static async Task ResolveScopeAsync(HttpContext http, RequestDelegate next)
    {
        var requirement = http.GetEndpoint()?.Metadata.GetMetadata<ScopeRequirement>();
        if (requirement is not null && http.User.Identity?.IsAuthenticated == true)
        {
            var problem = await ResolveUserAsync(http);
            if (problem is null && requirement.Workspace)
            {
                problem = await ResolveWorkspaceAsync(http);
            }
            if (problem is not null)
            {
                await problem.ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }

    // Internal, not private: the route sweep (RouteSweepTests) tells workspace routes by it.
    internal sealed record ScopeRequirement(bool Workspace);

    private static async Task<IResult?> ResolveUserAsync(HttpContext http)
    {
        if (http.Items[CurrentUser.ItemKey] is CurrentUser)
        {
            return null;
        }
        var subject = http.User.FindFirstValue(OpenIddictConstants.Claims.Subject);
        if (!Guid.TryParse(subject, out var userUuid))
        {
            return Problems.Unauthorized("The access token names no user.");
        }
        var cache = http.RequestServices.GetRequiredService<MembershipCache>();
        var userId = await cache.GetUserIdAsync(userUuid, http.RequestAborted);
        if (userId is null)
        {
            return Problems.Unauthorized("The user of this access token no longer exists.");
        }
        http.Items[CurrentUser.ItemKey] = new CurrentUser(userId.Value, userUuid);
        return null;
    }

    private static async Task<IResult?> ResolveWorkspaceAsync(HttpContext http)
    {
        var user = (CurrentUser)http.Items[CurrentUser.ItemKey]!;
        Guid workspaceUuid;
        var session = http.Request.Headers[SessionTokens.HeaderName].ToString();
        var named = http.Request.Headers[WorkspaceHeader].ToString();
        if (session.Length > 0)
        {
            var claims = await http.RequestServices.GetRequiredService<SessionTokens>().ValidateAsync(session);
            if (claims is null || claims.UserUuid != user.Uuid)
            {
                return Problems.Unauthorized("The X-BC-Token is invalid, expired or belongs to another user.");
            }
            workspaceUuid = claims.WorkspaceUuid;
        }
        else if (named.Length > 0)
        {
            if (!Guid.TryParse(named, out workspaceUuid))
            {
                return Problems.Invalid(WorkspaceHeader, "The X-WS header must be a workspace uuid.");
            }
        }
        else
        {
            return Problems.BadRequest("Send X-BC-Token (from /api/auth/user-info) or X-WS to name the workspace.");
        }
        var membership = await http.RequestServices.GetRequiredService<MembershipCache>()
            .GetMembershipAsync(workspaceUuid, user.Uuid, http.RequestAborted);
        if (membership is null)
        {
            return Problems.NotFound("The workspace");
        }
        if (!IsSafe(http.Request.Method) && membership.Role < WorkspaceRole.Member)
        {
            return Problems.Forbidden("Viewers cannot change this workspace.");
        }
        http.Items[WorkspaceScope.ItemKey] = new WorkspaceScope(membership.WorkspaceId, workspaceUuid, user.Id, user.Uuid, membership.Role);
        return null;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
