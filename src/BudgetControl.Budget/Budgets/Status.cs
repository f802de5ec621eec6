using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Budget.Budgets;

internal sealed record Expired([property: JsonPropertyName("expired")] bool Value);

internal sealed record Exceeded([property: JsonPropertyName("exceeded")] bool Value);

/// <summary>An entry a budget counts, in the workspace currency.</summary>
internal sealed record BudgetEntry(Guid Uuid, string Type, decimal Amount, decimal BaseAmount, string Currency, DateTime DateTime, string? Note, int CategoryId, Guid? AccountId)
{
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>The status routes of one budget and the stats of all (§3.5 of the reference).</summary>
internal static class BudgetStatus
{
    /// <summary>Longest entry list returned (newest first); the figures count every entry.</summary>
    public const int EntryListLimit = 1000;

    /// <summary><c>GET /api/budget/{uuid}/stats</c> and <c>/status</c>.</summary>
    public static async Task<Results<Ok<BudgetStats>, ProblemHttpResult>> Stats(string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var budget = await BudgetLookup.FindAsync(db, scope, uuid, ct);
        if (budget is null)
        {
            return BudgetLookup.NotFound();
        }
        var figures = new BudgetFigures(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct), clock);
        return TypedResults.Ok(await figures.StatsAsync(budget, ct));
    }

    /// <summary><c>GET /api/budget/{uuid}/expired</c>: a one-shot budget whose last day has passed.</summary>
    public static async Task<Results<Ok<Expired>, ProblemHttpResult>> IsExpired(string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var result = await Stats(uuid, scope, db, clock, ct);
        return result.Result is Ok<BudgetStats> ok ? TypedResults.Ok(new Expired(ok.Value!.Expired)) : BudgetLookup.NotFound();
    }

    /// <summary><c>GET /api/budget/{uuid}/exceeded</c>: more spent than the amount.</summary>
    public static async Task<Results<Ok<Exceeded>, ProblemHttpResult>> IsExceeded(string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var result = await Stats(uuid, scope, db, clock, ct);
        return result.Result is Ok<BudgetStats> ok ? TypedResults.Ok(new Exceeded(ok.Value!.Exceeded)) : BudgetLookup.NotFound();
    }

    /// <summary><c>GET /api/budgets/stats</c>: the stats of every live budget (200 with <c>[]</c> when none).</summary>
    public static async Task<Ok<List<BudgetStats>>> All(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        // A workspace's budgets are few: the plan does not depend on its size (GenericPlans).
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == scope.WorkspaceId).OrderBy(b => b.Name).ThenBy(b => b.Id).WithGenericPlan().ToListAsync(ct);
        var figures = new BudgetFigures(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct), clock);
        return TypedResults.Ok(await figures.StatsAsync(budgets, ct));
    }

    /// <summary><c>GET /api/budget/{uuid}/entry-list</c>: the entries the budget counts in its current period, newest first.</summary>
    public static async Task<Results<Ok<List<BudgetEntry>>, ProblemHttpResult>> Entries(string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var budget = await BudgetLookup.FindAsync(db, scope, uuid, ct);
        if (budget is null)
        {
            return BudgetLookup.NotFound();
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var entries = await (await new BudgetFigures(db, info, clock).EntriesAsync(budget, ct))
            .OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id).Take(EntryListLimit)
            .Select(e => new { e.Uuid, e.Type, e.Amount, e.BaseAmount, e.CurrencyId, e.DateTime, e.Note, e.CategoryId, Wallet = (Guid?)e.Wallet!.Uuid })
            .ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e =>
        {
            var currency = ReferenceData.CurrencyById(e.CurrencyId);
            return new BudgetEntry(e.Uuid, e.Type.Name(), MoneyFormat.ToDecimal(e.Amount, currency?.MinorUnits ?? 2),
                MoneyFormat.ToDecimal(e.BaseAmount, info.BaseMinorUnits), currency?.Label ?? "", e.DateTime, e.Note, e.CategoryId, e.Wallet);
        }).ToList());
    }
}
