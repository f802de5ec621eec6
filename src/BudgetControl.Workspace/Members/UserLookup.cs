using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Members;

/// <summary>A registered user someone wants to share a workspace with.</summary>
internal sealed record Invitee(int Id, Guid Uuid, string Name, string? Email, bool EmailConfirmed = true, string Locale = "en");

/// <summary>Finds a user by e-mail or by uuid, as the original's <c>user_to_share</c> and <c>shareWith</c> allow.</summary>
internal static class UserLookup
{
    public static async Task<Invitee?> FindAsync(BudgetDbContext db, string emailOrUuid, CancellationToken ct)
    {
        var text = emailOrUuid.Trim();
        var users = db.Users.AsNoTracking();
        if (Guid.TryParse(text, out var uuid))
        {
            users = users.Where(u => u.Uuid == uuid);
        }
        else
        {
            // ASP.NET Core Identity's default normalizer: Unicode-normalised, upper-case invariant.
            var normalized = text.Normalize().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail == normalized);
        }
        return await users.Select(u => new Invitee(u.Id, u.Uuid, u.Name, u.Email, u.EmailConfirmed, u.Locale)).FirstOrDefaultAsync(ct);
    }
}
