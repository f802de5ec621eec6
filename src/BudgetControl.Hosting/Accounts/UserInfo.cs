using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Accounts;

/// <summary>
/// The user profile document of <c>/api/auth/user-info</c> (original field names). <c>email_confirmation_required</c>
/// is a reminder for accounts that have not confirmed their e-mail yet; <c>confirm_email_by</c> is when their
/// grace period ends (sign-in is refused after it until they confirm).
/// </summary>
public sealed record UserInfoDocument(
    Guid Uuid,
    string Name,
    string? Email,
    DateTime? EmailVerifiedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt,
    Guid Sub,
    List<WorkspaceSummary> Workspaces,
    string CurrentWs,
    object WorkspaceSettings,
    List<MemberResponse> SharedWith,
    string? Username,
    bool TwoFactorEnabled,
    bool EmailConfirmationRequired,
    DateTime? ConfirmEmailBy);

/// <summary>Reads what a user may see about themself and their workspaces. Read-only: any module may use it.</summary>
public static class UserInfo
{
    /// <summary>The user's workspaces; the current one is the most recently activated (else the oldest).</summary>
    public static async Task<List<WorkspaceSummary>> WorkspacesOfAsync(BudgetDbContext db, int userId, CancellationToken ct)
    {
        var rows = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Workspace!.CreatedAt).ThenBy(m => m.WorkspaceId)
            .Select(m => new
            {
                m.Workspace!.Uuid, m.Workspace.Name, m.Workspace.Description, m.Role, m.LastActivatedAt,
                OwnerUuid = m.Workspace.Owner!.Uuid, m.Workspace.CreatedAt, m.Workspace.UpdatedAt,
            })
            .ToListAsync(ct);
        var current = rows.Where(r => r.LastActivatedAt != null).OrderByDescending(r => r.LastActivatedAt).FirstOrDefault()?.Uuid
            ?? rows.FirstOrDefault()?.Uuid;
        return rows.Select(r => new WorkspaceSummary(r.Uuid, r.Name, r.Description, r.Uuid == current, r.Role.Name(), r.OwnerUuid, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>
    /// The document for <paramref name="userId"/> in <paramref name="workspaceUuid"/> (or the current
    /// workspace when null). Null when the user is not a member of the named workspace.
    /// </summary>
    public static async Task<UserInfoDocument?> BuildAsync(BudgetDbContext db, int userId, Guid? workspaceUuid, Sessions.SessionSettings sessions, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
        var workspaces = await WorkspacesOfAsync(db, userId, ct);
        Guid? current = workspaceUuid ?? workspaces.FirstOrDefault(w => w.Current)?.Uuid;
        if (workspaceUuid is { } named && workspaces.All(w => w.Uuid != named))
        {
            return null;
        }
        workspaces = workspaces.Select(w => w with { Current = w.Uuid == current }).ToList();
        object settings = Array.Empty<object>();
        var sharedWith = new List<MemberResponse>();
        if (current is { } ws)
        {
            var workspace = await db.Workspaces.AsNoTracking()
                .Include(w => w.Settings!).ThenInclude(s => s.Currency)
                .FirstAsync(w => w.Uuid == ws, ct);
            if (workspace.Settings is { } s)
            {
                settings = new { uuid = s.Uuid, name = workspace.Name, data = SettingsData.From(s) };
            }
            sharedWith = await MembersAsync(db, workspace.Id, ct);
        }
        return new UserInfoDocument(
            user.Uuid, user.Name, user.Email, user.EmailVerifiedAt, user.CreatedAt, user.UpdatedAt, null, user.Uuid,
            workspaces, current?.ToString() ?? "", settings, sharedWith, user.Email, user.TwoFactorEnabled,
            !user.EmailConfirmed, sessions.ConfirmEmailBy(user));
    }

    public static async Task<List<MemberResponse>> MembersAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var rows = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new { m.User!.Uuid, m.User.Name, m.User.Email, m.Role })
            .ToListAsync(ct);
        // Roles are stored as text: order by power in memory, not alphabetically in SQL.
        return rows.OrderByDescending(m => m.Role).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MemberResponse(m.Uuid, m.Name, m.Email, m.Role.Name())).ToList();
    }
}
