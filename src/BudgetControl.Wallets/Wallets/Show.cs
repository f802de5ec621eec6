using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Wallets.Wallets;

/// <summary><c>GET /api/wallet/show/{uuid}</c>: one wallet of the workspace, with its version as ETag.</summary>
internal static class ShowWallet
{
    public static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await db.Wallets.FindInWorkspaceAsync(scope, uuid, ct);
        return wallet is null ? WalletAnswers.NotFound() : await WalletAnswers.OkAsync(wallet, db, http, ct);
    }
}
