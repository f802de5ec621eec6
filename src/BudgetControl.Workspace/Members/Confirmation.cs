using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Members;

/// <summary>
/// What an account may do before it confirms its e-mail (issue 11): use its own workspaces, but neither
/// share one nor be invited to one, so an address nobody proved cannot be used to reach other people.
/// </summary>
internal static class Confirmation
{
    public static async Task<ProblemHttpResult?> RefusalAsync(BudgetDbContext db, CurrentUser caller, Invitee invitee, CancellationToken ct)
    {
        var callerConfirmed = await db.Users.AsNoTracking().Where(u => u.Id == caller.Id).Select(u => u.EmailConfirmed).FirstOrDefaultAsync(ct);
        if (!callerConfirmed)
        {
            return Problems.Forbidden("Confirm your e-mail address before sharing a workspace: follow the link we sent you.");
        }
        return invitee.EmailConfirmed
            ? null
            : Problems.Conflict("This person has not confirmed their e-mail address yet; they can be invited once they have.");
    }
}
