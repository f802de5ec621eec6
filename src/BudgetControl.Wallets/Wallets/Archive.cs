using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// <c>PATCH /api/wallet/archive/{uuid}</c> hides a wallet from everyday lists; <c>PATCH /api/wallet/restore/{uuid}</c>
/// un-archives it and also brings back a soft-deleted one (the original could not). Both answer 200 with the wallet.
/// </summary>
internal static class ArchiveWallet
{
    public static Task<Results<Ok<WalletResponse>, ProblemHttpResult>> Archive(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct) =>
        ChangeAsync(uuid, scope, db, http, includeDeleted: false, w => w.Archived = true, ct);

    public static Task<Results<Ok<WalletResponse>, ProblemHttpResult>> Restore(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct) =>
        ChangeAsync(uuid, scope, db, http, includeDeleted: true, w =>
        {
            w.Archived = false;
            w.DeletedAt = null;
        }, ct);

    private static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> ChangeAsync(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, bool includeDeleted, Action<Wallet> change, CancellationToken ct)
    {
        var wallet = await (includeDeleted ? db.Wallets.IgnoreQueryFilters() : db.Wallets).FindInWorkspaceAsync(scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAnswers.NotFound();
        }
        if (Concurrency.Check(http, null, wallet, WalletAnswers.What) is { } failed)
        {
            return failed;
        }
        change(wallet);
        return await Concurrency.TrySaveAsync(db, ct) ? await WalletAnswers.OkAsync(wallet, db, http, ct) : Concurrency.Stale(WalletAnswers.What);
    }
}
