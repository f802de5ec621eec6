using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Wallets.Wallets;

/// <summary><c>GET /api/wallet/show/{uuid}</c>: one wallet of the workspace, with its version as ETag.</summary>
internal static class ShowWallet
{
    public static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await WalletAccess.FindAsync(db, scope, uuid, ct);
        return wallet is null ? WalletAccess.NotFound() : await WalletAccess.OkAsync(wallet, db, http, ct);
    }
}
