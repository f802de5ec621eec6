using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// <c>DELETE /api/wallet/{uuid}</c>: soft-deletes the wallet (restore brings it back). A wallet that pays
/// a live credit card cannot go (409) until the card gets another payment account.
/// </summary>
internal static class DeleteWallet
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await db.Wallets.FindInWorkspaceAsync(scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAnswers.NotFound();
        }
        if (Concurrency.Check(http, null, wallet, WalletAnswers.What) is { } failed)
        {
            return failed;
        }
        var paysCards = await db.Wallets.AnyAsync(
            w => w.WorkspaceId == scope.WorkspaceId && w.PaymentAccountId == wallet.Id && w.Id != wallet.Id
                && (w.Type == WalletType.CreditCard || w.Type == WalletType.CreditCardRevolving),
            ct);
        if (paysCards)
        {
            return Problems.Conflict("This wallet pays a credit card; give the card another payment account first.");
        }
        wallet.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        return await Concurrency.TrySaveAsync(db, ct) ? TypedResults.NoContent() : Concurrency.Stale(WalletAnswers.What);
    }
}
