using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Core.ExchangeRates;

/// <summary>
/// <c>PUT /api/currencies/rates/{currency}</c> (id or ISO code): sets the rate, creating it when absent.
/// <c>If-Match</c>/<c>version</c> makes it conditional (a stale one, or one for a rate that no longer
/// exists, is a 409). The base currency's rate is always 1 and cannot be set.
/// </summary>
internal static class SetRate
{
    public static async Task<Results<Ok<RateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string currency, SetRateRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
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
        var validation = new Validation();
        RateTable.Validate(request?.Rate, validation);
        var expected = Concurrency.Expected(http, request?.Version, validation, "rate");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var rate = await db.ExchangeRates.FirstOrDefaultAsync(r => r.WorkspaceId == scope.WorkspaceId && r.CurrencyId == target.Id, ct);
        // A version for a rate that does not exist (any more) is stale too.
        if (expected is { } version && version != rate?.Version)
        {
            return Concurrency.Stale("rate");
        }
        if (rate is null)
        {
            rate = new ExchangeRate { WorkspaceId = scope.WorkspaceId, CurrencyId = target.Id };
            db.ExchangeRates.Add(rate);
        }
        rate.Rate = request!.Rate!.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Two first-time PUTs for one currency raced and the unique index kept one of them.
            return Problems.Conflict("The rate was set by someone else at the same time; reload it and try again.");
        }
        Concurrency.SetETag(http, rate.Version);
        return TypedResults.Ok(rate.ToResponse(target));
    }
}

/// <summary>One unit of the currency is worth <c>rate</c> units of the base currency; <c>version</c> is the alternative to <c>If-Match</c>.</summary>
internal sealed record SetRateRequest(decimal? Rate, int? Version);
