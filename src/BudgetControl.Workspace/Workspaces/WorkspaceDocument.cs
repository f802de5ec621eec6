using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// A workspace as one member sees it (the original's shape, without internal ids):
/// <c>{workspace:{...,users}, settings, user}</c>. Built read-only, so reading never bumps <c>updated_at</c>.
/// </summary>
internal sealed record WorkspaceDocument(WorkspaceView Workspace, SettingsResponse? Settings, UserView User)
{
    /// <summary>The document for <paramref name="caller"/>; null when the caller is not a member (404).</summary>
    public static async Task<WorkspaceDocument?> LoadAsync(BudgetDbContext db, Guid workspaceUuid, CurrentUser caller, CancellationToken ct)
    {
        // The caller's own list decides both the role and whether this is the caller's current workspace.
        var mine = (await UserInfo.WorkspacesOfAsync(db, caller.Id, ct)).FirstOrDefault(w => w.Uuid == workspaceUuid);
        if (mine is null)
        {
            return null;
        }
        // Owner and user are projected, so credentials never leave the database.
        var row = await db.Workspaces.AsNoTracking()
            .Include(w => w.Settings!).ThenInclude(s => s.Currency)
            .Where(w => w.Uuid == workspaceUuid)
            .Select(w => new { Workspace = w, Owner = new OwnerView(w.Owner!.Uuid, w.Owner.Name) })
            .FirstOrDefaultAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == caller.Id)
            .Select(u => new UserView(u.Uuid, u.Name, u.Email))
            .FirstOrDefaultAsync(ct);
        if (row is null || user is null)
        {
            return null;
        }
        var workspace = row.Workspace;
        var members = await UserInfo.MembersAsync(db, workspace.Id, ct);
        var view = new WorkspaceView(
            workspace.Uuid, workspace.Name, workspace.Description, mine.Current, mine.Role, row.Owner,
            workspace.Version, workspace.CreatedAt, workspace.UpdatedAt, members);
        return new WorkspaceDocument(view, workspace.Settings is { } s ? SettingsResponse.From(s) : null, user);
    }
}

/// <summary>The workspace part; <c>current</c> and <c>role</c> are the caller's, <c>version</c> is for If-Match.</summary>
internal sealed record WorkspaceView(
    Guid Uuid, string Name, string? Description, bool Current, string Role, OwnerView Owner, int Version,
    DateTime CreatedAt, DateTime UpdatedAt, List<MemberResponse> Users);

internal sealed record OwnerView(Guid Uuid, string Name);

internal sealed record UserView(Guid Uuid, string Name, string? Email);
