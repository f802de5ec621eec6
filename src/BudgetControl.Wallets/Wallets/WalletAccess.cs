using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>Finding a wallet of the caller's workspace, and the answers every wallet handler shares.</summary>
internal static class WalletAccess
{
    public static ProblemHttpResult NotFound() => Problems.NotFound("The wallet");

    public static ProblemHttpResult Stale() => Problems.Conflict("The wallet was changed by someone else; reload it and try again.");

    public static ValidationProblem BadIfMatch() => Problems.Invalid("If-Match", "must be the wallet's version, e.g. \"3\".");

    /// <summary>
    /// The workspace's wallet with this uuid, tracked; null for unknown, foreign or malformed uuids.
    /// Soft-deleted wallets are found only with <paramref name="includeDeleted"/>, and still only in this workspace.
    /// </summary>
    public static async Task<Wallet?> FindAsync(BudgetDbContext db, WorkspaceScope scope, string uuid, CancellationToken ct, bool includeDeleted = false)
    {
        if (!Guid.TryParse(uuid, out var id))
        {
            return null;
        }
        var wallets = includeDeleted ? db.Wallets.IgnoreQueryFilters() : db.Wallets;
        return await wallets.FirstOrDefaultAsync(w => w.WorkspaceId == scope.WorkspaceId && w.Uuid == id, ct);
    }

    /// <summary>Saves; false when someone else changed the wallet since it was read (its version moved on).</summary>
    public static async Task<bool> TrySaveAsync(BudgetDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>200 with the wallet and its version as ETag.</summary>
    public static async Task<Ok<WalletResponse>> OkAsync(Wallet wallet, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var response = await wallet.ToResponseAsync(db, ct);
        Concurrency.SetETag(http, wallet.Version);
        return TypedResults.Ok(response);
    }
}
