using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Finding a row by its public uuid inside the caller's workspace: the one place that remembers the
/// workspace filter. A malformed, unknown or foreign uuid is simply not found (handlers answer 404).
/// Look-ups by the unique uuid cannot depend on the workspace's size: PostgreSQL plans them once per connection
/// (<see cref="GenericPlans"/>).
/// </summary>
public static class WorkspaceRows
{
    /// <summary>The workspace's row with this uuid, tracked; null when there is none (soft-deleted rows only if <paramref name="rows"/> ignores the filter).</summary>
    public static async Task<T?> FindInWorkspaceAsync<T>(this IQueryable<T> rows, WorkspaceScope scope, string? uuid, CancellationToken ct)
        where T : class, IPublicRow, IWorkspaceOwned =>
        Guid.TryParse(uuid, out var id) ? await rows.FindInWorkspaceAsync(scope.WorkspaceId, id, ct) : null;

    public static Task<T?> FindInWorkspaceAsync<T>(this IQueryable<T> rows, int workspaceId, Guid uuid, CancellationToken ct)
        where T : class, IPublicRow, IWorkspaceOwned =>
        rows.WhereInWorkspace(workspaceId, uuid).WithGenericPlan().FirstOrDefaultAsync(ct);

    /// <summary>The workspace's row with this uuid as a query, for a caller that projects it; a malformed uuid matches nothing.</summary>
    public static IQueryable<T> WhereInWorkspace<T>(this IQueryable<T> rows, WorkspaceScope scope, string? uuid)
        where T : class, IPublicRow, IWorkspaceOwned =>
        Guid.TryParse(uuid, out var id) ? rows.WhereInWorkspace(scope.WorkspaceId, id) : rows.Where(_ => false);

    public static IQueryable<T> WhereInWorkspace<T>(this IQueryable<T> rows, int workspaceId, Guid uuid)
        where T : class, IPublicRow, IWorkspaceOwned =>
        rows.Where(r => r.WorkspaceId == workspaceId && r.Uuid == uuid);

    /// <summary>The internal id of the workspace's row with this uuid; null when there is none.</summary>
    public static Task<int?> IdOfAsync<T>(this IQueryable<T> rows, int workspaceId, Guid uuid, CancellationToken ct)
        where T : class, IPublicRow, IWorkspaceOwned =>
        rows.Where(r => r.WorkspaceId == workspaceId && r.Uuid == uuid).Select(r => (int?)r.Id).WithGenericPlan().FirstOrDefaultAsync(ct);

    /// <summary>The internal ids of the workspace's rows with these uuids (another workspace's match nothing).</summary>
    public static async Task<List<int>> IdsOfAsync<T>(this IQueryable<T> rows, int workspaceId, IReadOnlyCollection<Guid> uuids, CancellationToken ct)
        where T : class, IPublicRow, IWorkspaceOwned =>
        uuids.Count == 0 ? [] : await rows.Where(r => r.WorkspaceId == workspaceId && uuids.Contains(r.Uuid)).Select(r => r.Id).WithGenericPlan().ToListAsync(ct);
}
