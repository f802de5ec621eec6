using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Stats.Stats;

/// <summary>The statistics page's filters; lists may be absent or null (no filter).</summary>
internal sealed record EntriesTableRequest(
    EntriesTableDate? Date, JsonElement? Categories, JsonElement? Accounts, JsonElement? Wallets, JsonElement? PaymentMethods,
    JsonElement? Currencies, JsonElement? Tags, JsonElement? Types);

internal sealed record EntriesTableDate(string? Start, string? End);

/// <summary>
/// <c>POST /api/stats/entries</c>: one row per sub-category of incoming and expenses categories, with Σ of
/// the counted incoming, expenses and debit entries in the range (body dates, end included; default the
/// current month) and in the period before it. Wallet, sub-category and single-label filters read the aggregates;
/// payment types, currencies and several labels are not in them, so with those the range's entries are read.
/// </summary>
internal static class EntriesTable
{
    private static readonly EntryType[] Types = [EntryType.Incoming, EntryType.Expenses, EntryType.Debit];

    public static async Task<Results<Ok<TableChart>, ValidationProblem>> Handle(
        EntriesTableRequest? request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        request ??= new EntriesTableRequest(null, null, null, null, null, null, null, null);
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var range = StatsRange.FromTexts(request.Date?.Start, request.Date?.End, "date.start", "date.end", info, clock, validation);
        var categories = BodyLists.Ints(request.Categories, "categories", validation);
        var walletUuids = BodyLists.Uuids(request.Accounts, "accounts", validation) ?? BodyLists.Uuids(request.Wallets, "wallets", validation);
        var paymentTypes = BodyLists.Ints(request.PaymentMethods, "payment_methods", validation);
        var currencies = BodyLists.Ints(request.Currencies, "currencies", validation);
        var tags = BodyLists.Uuids(request.Tags, "tags", validation);
        if (range is not { } current || !validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        // Another workspace's uuids resolve to nothing here, so they filter everything out.
        var wallets = walletUuids is null ? null : await db.Wallets.IdsOfAsync(scope.WorkspaceId, walletUuids, ct);
        var labels = tags is null ? null : await db.Labels.IdsOfAsync(scope.WorkspaceId, tags, ct);

        // Wallets, sub-categories and one label are in the aggregates: both periods in one statement. Payment types,
        // currencies and several labels (an entry carrying two of them counts once) read the periods' entries.
        var periods = new[] { current, current.Previous() };
        List<Dictionary<int, long>> sums;
        if (labels is { Count: 0 })
        {
            sums = [[], []]; // only labels of another workspace (or deleted ones): nothing carries them here
        }
        else if (paymentTypes is null && currencies is null && labels is not { Count: > 1 })
        {
            var totals = await data.TotalsAsync(periods.Select(r => new TotalsQuery(r.Start, r.End) { By = TotalsBy.Category, Types = Types, Wallets = wallets, Label = labels?[0] }), ct);
            sums = [.. periods.Select((_, i) => totals.Where(r => r.Query == i).GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(r => r.Total)))];
        }
        else
        {
            sums = [];
            foreach (var r in periods)
            {
                var entries = data.Entries(r).Where(e => Types.Contains(e.Type));
                if (wallets is not null)
                {
                    entries = entries.Where(e => e.WalletId != null && wallets.Contains(e.WalletId.Value));
                }
                if (paymentTypes is not null)
                {
                    entries = entries.Where(e => paymentTypes.Contains(e.PaymentTypeId));
                }
                if (currencies is not null)
                {
                    entries = entries.Where(e => currencies.Contains(e.CurrencyId));
                }
                if (labels is not null)
                {
                    entries = entries.Where(e => e.Labels.Any(l => labels.Contains(l.Id)));
                }
                sums.Add((await entries.GroupBy(e => e.CategoryId).Select(g => new { g.Key, Total = g.Sum(e => e.BaseAmount) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Total));
            }
        }
        var (now, before) = (sums[0], sums[1]);
        var rows = Charts.Categories
            .Where(c => c.Category.Type is "incoming" or "expenses" && (categories is null || categories.Contains(c.Id)))
            .OrderBy(c => c.Category.Type == "incoming" ? 0 : 1).ThenBy(c => c.Id)
            .Select(c =>
            {
                var amount = now.GetValueOrDefault(c.Id);
                var previous = before.GetValueOrDefault(c.Id);
                return new TableRow(data.Money(amount), data.Money(previous), c.Slug, Charts.BounceRate(amount, previous), c.Category.Type, c.Id);
            }).ToList();
        return TypedResults.Ok(new TableChart("Table", rows));
    }
}
