using System.Linq.Expressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Accounts;

/// <summary>
/// The user profile document of <c>/api/auth/user-info</c> (original field names). <c>email_confirmation_required</c>
/// is a reminder for accounts that have not confirmed their e-mail yet; <c>confirm_email_by</c> is when their
/// grace period ends (sign-in is refused after it until they confirm). <c>locale</c> (an addition) is the language
/// the user chose for the app and their e-mails.
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
    DateTime? ConfirmEmailBy,
    string Locale);

/// <summary>Reads what a user may see about themself and their workspaces. Read-only: any module may use it.</summary>
public static class UserInfo
{
    /// <summary>A membership as listed (the workspace's fields and the member's role).</summary>
    private sealed record MembershipRow(
        Guid Uuid, string Name, string? Description, WorkspaceRole Role, DateTime? LastActivatedAt, Guid OwnerUuid, DateTime CreatedAt, DateTime UpdatedAt);

    private sealed record MemberRow(Guid Uuid, string Name, string? Email, WorkspaceRole Role);

    private static readonly Expression<Func<WorkspaceMember, MembershipRow>> AsMembershipRow = m => new MembershipRow(
        m.Workspace!.Uuid, m.Workspace.Name, m.Workspace.Description, m.Role, m.LastActivatedAt, m.Workspace.Owner!.Uuid, m.Workspace.CreatedAt, m.Workspace.UpdatedAt);

    private static readonly Expression<Func<WorkspaceMember, MemberRow>> AsMemberRow = m => new MemberRow(m.User!.Uuid, m.User.Name, m.User.Email, m.Role);

    /// <summary>The user's workspaces; the current one is the most recently activated (else the oldest).</summary>
    public static async Task<List<WorkspaceSummary>> WorkspacesOfAsync(BudgetDbContext db, int userId, CancellationToken ct) =>
        Summaries(await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Workspace!.CreatedAt).ThenBy(m => m.WorkspaceId)
            .Select(AsMembershipRow)
            .ToListAsync(ct));

    private static List<WorkspaceSummary> Summaries(List<MembershipRow> rows)
    {
        var current = rows.Where(r => r.LastActivatedAt != null).OrderByDescending(r => r.LastActivatedAt).FirstOrDefault()?.Uuid
            ?? rows.FirstOrDefault()?.Uuid;
        return rows.Select(r => new WorkspaceSummary(r.Uuid, r.Name, r.Description, r.Uuid == current, r.Role.Name(), r.OwnerUuid, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>
    /// The document for <paramref name="userId"/> in <paramref name="workspaceUuid"/> (or the current
    /// workspace when null). Null when the user is not a member of the named workspace. Two statements: the
    /// user with their workspaces, then the current workspace's settings with its members; both look-ups by key,
    /// planned once per connection on PostgreSQL (<see cref="GenericPlans"/>).
    /// </summary>
    public static async Task<UserInfoDocument?> BuildAsync(BudgetDbContext db, int userId, Guid? workspaceUuid, Sessions.SessionSettings sessions, CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                User = u,
                Workspaces = db.WorkspaceMembers.Where(m => m.UserId == u.Id).OrderBy(m => m.Workspace!.CreatedAt).ThenBy(m => m.WorkspaceId).Select(AsMembershipRow).ToList(),
            })
            .WithGenericPlan()
            .FirstAsync(ct);
        var user = me.User;
        var workspaces = Summaries(me.Workspaces);
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
                .Where(w => w.Uuid == ws)
                .Select(w => new { w.Name, w.Settings, Members = db.WorkspaceMembers.Where(m => m.WorkspaceId == w.Id).Select(AsMemberRow).ToList() })
                .WithGenericPlan()
                .FirstAsync(ct);
            if (workspace.Settings is { } s)
            {
                // The currency is static reference data, read from memory.
                s.Currency ??= Data.Reference.ReferenceData.CurrencyById(s.CurrencyId);
                settings = new { uuid = s.Uuid, name = workspace.Name, data = SettingsData.From(s) };
            }
            sharedWith = Ordered(workspace.Members);
        }
        return new UserInfoDocument(
            user.Uuid, user.Name, user.Email, user.EmailVerifiedAt, user.CreatedAt, user.UpdatedAt, null, user.Uuid,
            workspaces, current?.ToString() ?? "", settings, sharedWith, user.Email, user.TwoFactorEnabled,
            !user.EmailConfirmed, sessions.ConfirmEmailBy(user), user.Locale);
    }

    public static async Task<List<MemberResponse>> MembersAsync(BudgetDbContext db, int workspaceId, CancellationToken ct) =>
        Ordered(await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Select(AsMemberRow)
            .ToListAsync(ct));

    // Roles are stored as text: order by power in memory, not alphabetically in SQL.
    private static List<MemberResponse> Ordered(List<MemberRow> rows) =>
        rows.OrderByDescending(m => m.Role).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MemberResponse(m.Uuid, m.Name, m.Email, m.Role.Name())).ToList();
}
