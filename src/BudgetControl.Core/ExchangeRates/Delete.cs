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
        var target = await RateTable.FindCurrencyAsync(db, currency, ct);
        if (target is null)
        {
            return RateTable.UnknownCurrency();
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        if (target.Id == workspace.BaseCurrencyId)
        {
            return RateTable.BaseCurrency(workspace);
        }
        if (!Concurrency.TryExpectedVersion(http, null, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the rate's version, e.g. \"3\".");
        }
        var rate = await db.ExchangeRates.FirstOrDefaultAsync(r => r.WorkspaceId == scope.WorkspaceId && r.CurrencyId == target.Id, ct);
        if (rate is null)
        {
            return Problems.NotFound($"A rate for {target.Label}");
        }
        if (expected is { } version && version != rate.Version)
        {
            return Problems.Conflict("The rate was changed by someone else; reload it and try again.");
        }
        db.ExchangeRates.Remove(rate);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
