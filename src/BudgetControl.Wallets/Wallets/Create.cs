using BudgetControl.Data;
using BudgetControl.Data.Reference;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// <c>POST /api/wallet/create</c>: a new wallet of the workspace. <c>balance</c> is its opening balance
/// (for vouchers, a number of vouchers worth <c>voucher_value</c> each); <c>currency</c> defaults to the
/// workspace's base currency. The balance starts at the opening balance; only entries move it afterwards.
/// </summary>
internal static class CreateWallet
{
    public static async Task<Results<Created<WalletResponse>, ValidationProblem>> Handle(
        WalletRequest body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var baseCurrency = ReferenceData.CurrencyById(workspace.BaseCurrencyId)!;
        var wallet = new Wallet { WorkspaceId = scope.WorkspaceId, CurrencyId = baseCurrency.Id };
        await WalletInput.ApplyAsync(body, validation, wallet, baseCurrency, creating: true, db, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        wallet.Balance = wallet.OpeningBalance;
        db.Wallets.Add(wallet);
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, wallet.Version);
        return TypedResults.Created($"/api/wallet/show/{wallet.Uuid}", await wallet.ToResponseAsync(db, ct));
    }
}
