using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Core.ExchangeRates;

/// <summary><c>GET /api/currencies/rates</c>: the workspace's rate table, base currency first.</summary>
internal static class ListRates
{
    public static async Task<Ok<List<RateResponse>>> Handle(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        return TypedResults.Ok(await RateTable.ListAsync(db, workspace, ct));
    }
}
