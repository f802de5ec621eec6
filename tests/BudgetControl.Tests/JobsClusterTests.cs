using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Jobs.Recurring;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>
/// The split topology's worker: two processes (two app instances) with the scheduler on, on one
/// PostgreSQL database, in Quartz's cluster. Each occurrence is written exactly once.
/// </summary>
public sealed class JobsClusterTests
{
    /// <summary>
    /// A worker; the second one joins the first's database and data folder. The folder is shared, as a cluster shares its
    /// keys and mail: the outbox's mail is sent by whichever worker's dispatcher gets to it first (the enqueuing one's
    /// immediate kick or either one's scheduled run), and the tests read it from one place.
    /// </summary>
    private sealed class Worker(Worker? first) : BudgetApp
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override Task<string> CreateDatabaseAsync() => first is null ? base.CreateDatabaseAsync() : Task.FromResult(first.ConnectionString);

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Jobs:Enabled", "true"),
            new("Jobs:IntervalSeconds", "1"),
            new("Jobs:CheckinSeconds", "2"),
            new("Jobs:StartDelaySeconds", "0"),
            .. first is null ? [] : new KeyValuePair<string, string>[] { new("BudgetControl:DataDirectory", first.DataDirectory) },
        ];

        public async Task RunRecurringAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecurringEntries>().RunAsync(CancellationToken.None);
        }
    }

    private static Task<int> AddDailyPlanAsync(BudgetApp app, Guid workspace, Guid wallet, DateTime start) =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            var walletId = await db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.Id).SingleAsync();
            var plan = new PlannedEntry
            {
                WorkspaceId = ws.Id, Type = EntryType.Expenses, Amount = -100, CurrencyId = 2, Planning = Planning.Daily, DateTime = start,
                CategoryId = 3, WalletId = walletId, PaymentTypeId = 1,
            };
            db.PlannedEntries.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

    private static Task<int> OccurrenceCountAsync(BudgetApp app, int plan) =>
        app.WithDbAsync(db => db.PlannedOccurrences.CountAsync(o => o.PlannedEntryId == plan));

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}.");
    }

    [Fact]
    public async Task Two_workers_on_one_database_write_each_occurrence_exactly_once()
    {
        var first = new Worker(null);
        await first.InitializeAsync();
        var second = new Worker(first);
        await second.InitializeAsync();
        try
        {
            var user = await first.NewUserAsync();
            var ws = await user.CreateWorkspaceAsync("Cluster");
            var wallet = await first.DefaultWalletAsync(ws);
            var today = DateTime.UtcNow.Date;

            // Both workers race on the same due occurrences (20 days of a daily plan), several times over.
            var raced = await AddDailyPlanAsync(first, ws, wallet, today.AddDays(-19));
            await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RunRecurringAsync())));
            Assert.Equal(20, await OccurrenceCountAsync(first, raced));

            // Both schedulers joined the cluster, and the scheduled runs (on either worker) add a new plan's occurrences once.
            await WaitForAsync(async () => await first.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM qrtz_scheduler_state WHERE sched_name = 'budgetcontrol'").SingleAsync()) == 2,
                "both workers to check in");
            var scheduled = await AddDailyPlanAsync(second, ws, wallet, today.AddDays(-4));
            await WaitForAsync(async () => await OccurrenceCountAsync(first, scheduled) >= 5, "the scheduler to materialise the plan");
            await Task.Delay(1500); // a few more scheduled runs on both workers
            Assert.Equal(5, await OccurrenceCountAsync(first, scheduled));
            Assert.Equal(20, await OccurrenceCountAsync(first, raced));

            var dates = await first.WithDbAsync(db => db.Entries.Where(e => e.Wallet!.Uuid == wallet).Select(e => e.DateTime).ToListAsync());
            Assert.Equal(25, dates.Count);
            Assert.Equal(-2500, await first.WalletBalanceAsync(wallet));
            Assert.Empty(await first.InconsistenciesAsync(ws));
            Assert.Equal(today.AddDays(-19).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dates.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
