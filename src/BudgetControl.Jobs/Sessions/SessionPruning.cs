using BudgetControl.Data;
using BudgetControl.Hosting.Sessions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace BudgetControl.Jobs.Sessions;

/// <summary>
/// Deletes the sign-in records nobody can use any more, so the token table does not grow with every login
/// forever (and the revocation reload, which reads it every few seconds, stays small): tokens expired for more
/// than a day, whatever their status, and authorizations (sessions) left without tokens once every access
/// token issued under them has expired. A revoked token is kept until it expires, because the revocation set
/// (<see cref="RevokedSessions"/>) is loaded from the revoked tokens that are still alive.
/// </summary>
internal sealed class SessionPruning(BudgetDbContext db, SessionSettings sessions, TimeProvider clock)
{
    public const string Name = "prune-sessions";

    /// <summary>Rows deleted per statement, so a first run on a large table holds no long lock.</summary>
    private const int Batch = 5_000;

    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>Runs once; returns how many rows were deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expiredBefore = now - Margin;
        // Access tokens need not be stored: a session may still be in use until its last access token expires.
        var idleSince = now - sessions.AccessTokenLifetime - Margin;
        var tokens = db.Set<OpenIddictEntityFrameworkCoreToken>();
        var authorizations = db.Set<OpenIddictEntityFrameworkCoreAuthorization>();
        var deleted = 0;
        while (true)
        {
            var batch = tokens.Where(t => t.ExpirationDate != null && t.ExpirationDate < expiredBefore).OrderBy(t => t.Id).Select(t => t.Id).Take(Batch);
            var count = await tokens.Where(t => batch.Contains(t.Id)).ExecuteDeleteAsync(ct);
            deleted += count;
            if (count < Batch)
            {
                break;
            }
        }
        while (true)
        {
            var batch = authorizations.Where(a => a.CreationDate != null && a.CreationDate < idleSince && !a.Tokens.Any())
                .OrderBy(a => a.Id).Select(a => a.Id).Take(Batch);
            var count = await authorizations.Where(a => batch.Contains(a.Id)).ExecuteDeleteAsync(ct);
            deleted += count;
            if (count < Batch)
            {
                break;
            }
        }
        return deleted;
    }
}
