using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>Direct database reads and seeds for money tests (the HTTP API is what is tested; this checks it).</summary>
public static class Ledgers
{
    public static async Task<T> WithDbAsync<T>(this BudgetApp app, Func<BudgetDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
    }

    /// <summary>The uuid of the first wallet of a workspace (the one created with it).</summary>
    public static Task<Guid> DefaultWalletAsync(this BudgetApp app, Guid workspace) =>
        app.WithDbAsync(db => db.Wallets.Where(w => db.Workspaces.Any(x => x.Uuid == workspace && x.Id == w.WorkspaceId)).OrderBy(w => w.Id).Select(w => w.Uuid).FirstAsync());

    public static Task<Guid> AddWalletAsync(this BudgetApp app, Guid workspace, string name = "Second", int currencyId = 2, long opening = 0) =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            var wallet = new Wallet { WorkspaceId = ws.Id, Name = name, Type = WalletType.Bank, CurrencyId = currencyId, OpeningBalance = opening, Balance = opening };
            db.Wallets.Add(wallet);
            await db.SaveChangesAsync();
            return wallet.Uuid;
        });

    public static Task<Guid> AddGoalAsync(this BudgetApp app, Guid workspace, string name = "Holiday") =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            var goal = new Goal { WorkspaceId = ws.Id, Name = name, Amount = 100_000 };
            db.Goals.Add(goal);
            await db.SaveChangesAsync();
            return goal.Uuid;
        });

    public static Task SetRateAsync(this BudgetApp app, Guid workspace, int currencyId, decimal rate) =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            db.ExchangeRates.Add(new ExchangeRate { WorkspaceId = ws.Id, CurrencyId = currencyId, Rate = rate });
            return await db.SaveChangesAsync();
        });

    public static Task<long> WalletBalanceAsync(this BudgetApp app, Guid wallet) =>
        app.WithDbAsync(db => db.Wallets.IgnoreQueryFilters().Where(w => w.Uuid == wallet).Select(w => w.Balance).SingleAsync());

    public static Task<long> GoalBalanceAsync(this BudgetApp app, Guid goal) =>
        app.WithDbAsync(db => db.Goals.IgnoreQueryFilters().Where(g => g.Uuid == goal).Select(g => g.Balance).SingleAsync());

    public static Task<long> PayeeBalanceAsync(this BudgetApp app, Guid payee) =>
        app.WithDbAsync(db => db.Payees.IgnoreQueryFilters().Where(p => p.Uuid == payee).Select(p => p.Balance).SingleAsync());

    /// <summary>
    /// Recomputes every wallet, goal and payee balance, every list counter and every aggregate of the statistics
    /// (per day, per month, per label and day, per label and month) of a workspace from its entries and returns
    /// the rows whose stored value differs: empty means consistent.
    /// </summary>
    public static Task<List<string>> InconsistenciesAsync(this BudgetApp app, Guid workspace) =>
        app.WithDbAsync(async db =>
        {
            var wsId = await db.Workspaces.IgnoreQueryFilters().Where(w => w.Uuid == workspace).Select(w => w.Id).SingleAsync();
            var entries = await db.Entries.IgnoreQueryFilters().AsNoTracking().Include(e => e.Labels)
                .Where(e => e.Wallet!.WorkspaceId == wsId || e.WorkspaceId == wsId || (e.Goal != null && e.Goal.WorkspaceId == wsId) || (e.Payee != null && e.Payee.WorkspaceId == wsId))
                .ToListAsync();
            var counted = entries.Where(e => e.Confirmed && !e.Planned && e.DeletedAt == null).ToList();
            var problems = new List<string>();
            foreach (var w in await db.Wallets.IgnoreQueryFilters().AsNoTracking().Where(w => w.WorkspaceId == wsId).ToListAsync())
            {
                var expected = w.OpeningBalance
                    + counted.Where(e => e.WalletId == w.Id && e.Type != EntryType.Saving).Sum(e => e.WalletAmount)
                    - counted.Where(e => e.WalletId == w.Id && e.Type == EntryType.Saving).Sum(e => e.WalletAmount);
                if (expected != w.Balance)
                {
                    problems.Add($"wallet {w.Name}: stored {w.Balance}, entries say {expected}");
                }
            }
            foreach (var g in await db.Goals.IgnoreQueryFilters().AsNoTracking().Where(g => g.WorkspaceId == wsId).ToListAsync())
            {
                var expected = counted.Where(e => e.GoalId == g.Id && e.Type == EntryType.Saving).Sum(e => e.BaseAmount);
                if (expected != g.Balance)
                {
                    problems.Add($"goal {g.Name}: stored {g.Balance}, entries say {expected}");
                }
            }
            foreach (var p in await db.Payees.IgnoreQueryFilters().AsNoTracking().Where(p => p.WorkspaceId == wsId).ToListAsync())
            {
                var expected = counted.Where(e => e.PayeeId == p.Id && e.Type == EntryType.Debit).Sum(e => e.BaseAmount);
                if (expected != p.Balance)
                {
                    problems.Add($"payee {p.Name}: stored {p.Balance}, entries say {expected}");
                }
            }
            // The list counters: one per wallet, type and planned flag, equal to a fresh count of the live entries.
            var fresh = entries.Where(e => e.WorkspaceId == wsId && e.DeletedAt == null)
                .GroupBy(e => (Wallet: e.WalletId ?? 0, e.Type, e.Planned)).ToDictionary(g => g.Key, g => (long)g.Count());
            var stored = await db.EntryCounts.AsNoTracking().Where(c => c.WorkspaceId == wsId).ToListAsync();
            foreach (var key in fresh.Keys.Union(stored.Select(c => (c.WalletId, c.Type, c.Planned))))
            {
                var expected = fresh.GetValueOrDefault(key);
                var actual = stored.Where(c => (c.WalletId, c.Type, c.Planned) == key).Sum(c => c.Count);
                if (expected != actual)
                {
                    problems.Add($"counter {key}: stored {actual}, entries say {expected}");
                }
            }
            // The daily aggregates: one row per local day, wallet, sub-category and type, equal to a fresh sum of the counted entries.
            var zoneId = await db.WorkspaceSettings.AsNoTracking().Where(s => s.WorkspaceId == wsId).OrderBy(s => s.Id).Select(s => s.TimeZone).FirstOrDefaultAsync();
            var zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : TimeZoneInfo.Utc;
            var freshDays = counted.Where(e => e.WorkspaceId == wsId && !e.ExcludeFromStats)
                .GroupBy(e => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.DateTime, DateTimeKind.Utc), zone)), Wallet: e.WalletId ?? 0, Category: e.CategoryId, e.Type))
                .ToDictionary(g => g.Key, g => (Total: g.Sum(e => e.BaseAmount), Count: (long)g.Count()));
            var storedDays = (await db.EntryDayTotals.AsNoTracking().Where(t => t.WorkspaceId == wsId).ToListAsync())
                .ToDictionary(t => (t.Day, Wallet: t.WalletId, Category: t.CategoryId, t.Type), t => (t.Total, t.Count));
            foreach (var key in freshDays.Keys.Union(storedDays.Keys))
            {
                var expected = freshDays.GetValueOrDefault(key);
                var actual = storedDays.GetValueOrDefault(key);
                if (expected != actual)
                {
                    problems.Add($"day total {key}: stored {actual}, entries say {expected}");
                }
            }
            // The monthly aggregates: the same per local month (its first day).
            var freshMonths = freshDays.GroupBy(d => d.Key with { Day = new DateOnly(d.Key.Day.Year, d.Key.Day.Month, 1) })
                .ToDictionary(g => g.Key, g => (Total: g.Sum(d => d.Value.Total), Count: g.Sum(d => d.Value.Count)));
            var storedMonths = (await db.EntryMonthTotals.AsNoTracking().Where(t => t.WorkspaceId == wsId).ToListAsync())
                .ToDictionary(t => (Day: t.Month, Wallet: t.WalletId, Category: t.CategoryId, t.Type), t => (t.Total, t.Count));
            foreach (var key in freshMonths.Keys.Union(storedMonths.Keys))
            {
                var expected = freshMonths.GetValueOrDefault(key);
                var actual = storedMonths.GetValueOrDefault(key);
                if (expected != actual)
                {
                    problems.Add($"month total {key}: stored {actual}, entries say {expected}");
                }
            }
            // The yearly aggregates: the same per local year (its 1 January).
            var freshYears = freshDays.GroupBy(d => d.Key with { Day = new DateOnly(d.Key.Day.Year, 1, 1) })
                .ToDictionary(g => g.Key, g => (Total: g.Sum(d => d.Value.Total), Count: g.Sum(d => d.Value.Count)));
            var storedYears = (await db.EntryYearTotals.AsNoTracking().Where(t => t.WorkspaceId == wsId).ToListAsync())
                .ToDictionary(t => (Day: t.Year, Wallet: t.WalletId, Category: t.CategoryId, t.Type), t => (t.Total, t.Count));
            foreach (var key in freshYears.Keys.Union(storedYears.Keys))
            {
                var expected = freshYears.GetValueOrDefault(key);
                var actual = storedYears.GetValueOrDefault(key);
                if (expected != actual)
                {
                    problems.Add($"year total {key}: stored {actual}, entries say {expected}");
                }
            }
            // The label aggregates, per day and per month: each counted entry once under every live label it carries.
            // Rows of deleted labels are never read, so they are not compared.
            var liveLabels = (await db.Labels.AsNoTracking().Where(l => l.WorkspaceId == wsId).Select(l => l.Id).ToListAsync()).ToHashSet();
            var freshLabelDays = counted.Where(e => e.WorkspaceId == wsId && !e.ExcludeFromStats)
                .SelectMany(e => e.Labels.Where(l => liveLabels.Contains(l.Id)).Select(l => l.Id).Distinct(), (e, label) => (Entry: e, Label: label))
                .GroupBy(x => (x.Label, Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(x.Entry.DateTime, DateTimeKind.Utc), zone)), Wallet: x.Entry.WalletId ?? 0, Category: x.Entry.CategoryId, x.Entry.Type))
                .ToDictionary(g => g.Key, g => (Total: g.Sum(x => x.Entry.BaseAmount), Count: (long)g.Count()));
            var freshLabelMonths = freshLabelDays.GroupBy(d => d.Key with { Day = new DateOnly(d.Key.Day.Year, d.Key.Day.Month, 1) })
                .ToDictionary(g => g.Key, g => (Total: g.Sum(d => d.Value.Total), Count: g.Sum(d => d.Value.Count)));
            var storedLabelDays = (await db.EntryLabelDayTotals.AsNoTracking().Where(t => t.WorkspaceId == wsId).ToListAsync())
                .Where(t => liveLabels.Contains(t.LabelId))
                .ToDictionary(t => (Label: t.LabelId, t.Day, Wallet: t.WalletId, Category: t.CategoryId, t.Type), t => (t.Total, t.Count));
            var storedLabelMonths = (await db.EntryLabelMonthTotals.AsNoTracking().Where(t => t.WorkspaceId == wsId).ToListAsync())
                .Where(t => liveLabels.Contains(t.LabelId))
                .ToDictionary(t => (Label: t.LabelId, Day: t.Month, Wallet: t.WalletId, Category: t.CategoryId, t.Type), t => (t.Total, t.Count));
            foreach (var (what, freshLabels, storedLabels) in new[] { ("label day", freshLabelDays, storedLabelDays), ("label month", freshLabelMonths, storedLabelMonths) })
            {
                foreach (var key in freshLabels.Keys.Union(storedLabels.Keys))
                {
                    var expected = freshLabels.GetValueOrDefault(key);
                    var actual = storedLabels.GetValueOrDefault(key);
                    if (expected != actual)
                    {
                        problems.Add($"{what} total {key}: stored {actual}, entries say {expected}");
                    }
                }
            }
            return problems;
        });
}
