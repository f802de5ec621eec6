using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Core.ExchangeRates;

/// <summary>
/// <c>DELETE /api/currencies/rates/{currency}</c>: forgets the workspace's rate for the currency (404 when
/// there is none; 400 for the base currency). An <c>If-Match</c> version is honoured.
/// </summary>
internal static class DeleteRate
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string currency, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var target = RateTable.FindCurrency(currency);
        if (target is null)
        {
            return RateTable.UnknownCurrency();
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        if (target.Id == workspace.BaseCurrencyId)
        {
            return RateTable.BaseCurrency(workspace);
        }
        if (!Concurrency.TryExpectedVersion(http, null, out _))
        {
            return Concurrency.BadIfMatch("rate");
        }
        var rate = await db.ExchangeRates.FirstOrDefaultAsync(r => r.WorkspaceId == scope.WorkspaceId && r.CurrencyId == target.Id, ct);
        if (rate is null)
        {
            return Problems.NotFound($"A rate for {target.Label}");
        }
        if (Concurrency.Check(http, null, rate, "rate") is { } failed)
        {
            return failed;
        }
        db.ExchangeRates.Remove(rate);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
