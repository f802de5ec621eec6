using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary><c>GET /api/wallet/list</c>: the workspace's wallets, filtered and ordered (see <see cref="WalletListQuery"/>); a plain array, as the original.</summary>
internal static class ListWallets
{
    public static async Task<Results<Ok<List<WalletResponse>>, ValidationProblem>> Handle(
        HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var query = WalletListQuery.Parse(http.Request.Query, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var wallets = await query.Apply(db.Wallets.AsNoTracking(), scope.WorkspaceId).ToListAsync(ct);
        return TypedResults.Ok(await WalletViews.ToResponsesAsync(wallets, db, ct));
    }
}
