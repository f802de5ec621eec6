using BudgetControl.Data;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// <c>PUT /api/wallet/update/{uuid}</c>: changes the fields the body names, with the create rules.
/// <c>balance</c> is ignored (the original's clients send the whole wallet back; balances are derived from
/// entries): <c>opening_balance</c> changes the opening balance and shifts the balance by the same amount,
/// in one statement, so entries written meanwhile are not lost. The workspace never changes. A wallet with
/// entries keeps its currency (409). <c>If-Match</c> or <c>version</c> makes the update conditional (409 when stale).
/// </summary>
internal static class UpdateWallet
{
    public static async Task<Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, WalletRequest body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await db.Wallets.FindInWorkspaceAsync(scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAnswers.NotFound();
        }
        var validation = new Validation();
        if (!Concurrency.TryExpectedVersion(http, body.Version, out var expected))
        {
            return Concurrency.BadIfMatch(WalletAnswers.What);
        }
        var current = ReferenceData.CurrencyById(wallet.CurrencyId)!;
        var openingBefore = wallet.OpeningBalance;
        var currency = await WalletInput.ApplyAsync(body, validation, wallet, current, creating: false, db, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, wallet))
        {
            return Concurrency.Stale(WalletAnswers.What);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Saving first locks the wallet row, so no entry can slip in between the check and the change.
            if (!await Concurrency.TrySaveAsync(db, ct))
            {
                return Concurrency.Stale(WalletAnswers.What);
            }
            if (currency.Id != current.Id && await db.Entries.IgnoreQueryFilters().AnyAsync(e => e.WalletId == wallet.Id, ct))
            {
                return Problems.Conflict($"The wallet has entries in {current.Label}, so its currency cannot change.");
            }
            var shift = wallet.OpeningBalance - openingBefore;
            if (shift != 0)
            {
                await db.Wallets.Where(w => w.Id == wallet.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Balance, w => w.Balance + shift), ct);
            }
            await transaction.CommitAsync(ct);
        }
        await db.Entry(wallet).ReloadAsync(ct);
        return await WalletAnswers.OkAsync(wallet, db, http, ct);
    }
}
