using System.Net;
using System.Net.Http.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Jobs.Activation;
using BudgetControl.Jobs.Cards;
using BudgetControl.Jobs.Recurring;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>An app whose clock the test sets (<see cref="TestClock"/>); jobs are run by calling them.</summary>
public abstract class JobsApp : BudgetApp
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs one job once in a scope of its own, as Quartz does; returns what it wrote.</summary>
    public async Task<int> RunAsync<TJob>()
        where TJob : class
    {
        await using var scope = Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<TJob>() switch
        {
            RecurringEntries r => await r.RunAsync(CancellationToken.None),
            PlannedActivation a => await a.RunAsync(CancellationToken.None),
            CardSettlements c => await c.RunAsync(CancellationToken.None),
            BudgetControl.Jobs.Mail.MailDispatcher m => await m.RunAsync(CancellationToken.None),
            BudgetControl.Jobs.Budgets.BudgetAlerts b => await b.RunAsync(CancellationToken.None),
            BudgetControl.Jobs.Sessions.SessionPruning p => await p.RunAsync(CancellationToken.None),
            var other => throw new ArgumentException($"Not a job: {other}"),
        };
    }
}

public sealed class SqliteJobsApp : JobsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresJobsApp : JobsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class JobsTests(JobsApp app)
{
    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Expired_sign_in_records_are_pruned_and_live_sessions_are_kept()
    {
        app.Clock.Set(null);
        var user = await app.NewUserAsync();
        var subject = user.Uuid.ToString();
        Task<(int Tokens, int Sessions)> CountAsync() => app.WithDbAsync(async db => (
            await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Subject == subject),
            await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization>().CountAsync(a => a.Subject == subject)));
        var live = await CountAsync();
        Assert.True(live.Tokens > 0 && live.Sessions > 0);

        // Now: nothing of a live session goes, and it keeps working.
        await app.RunAsync<BudgetControl.Jobs.Sessions.SessionPruning>();
        Assert.Equal(live, await CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/user-info")).StatusCode);

        // Forty days on (refresh tokens live 30): its tokens and then its session are gone.
        app.Clock.Set(DateTime.UtcNow.AddDays(40));
        try
        {
            Assert.True(await app.RunAsync<BudgetControl.Jobs.Sessions.SessionPruning>() >= live.Tokens + live.Sessions);
            Assert.Equal((0, 0), await CountAsync());
        }
        finally
        {
            app.Clock.Set(null);
        }
    }

    private async Task<(TestUser User, Guid Workspace, Guid Wallet)> SetupAsync(string timeZone = "UTC")
    {
        app.Clock.Set(null);
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Jobs", new { workspace = new { name = "Jobs", time_zone = timeZone } });
        return (user, ws, await app.DefaultWalletAsync(ws));
    }

    private Task<int> AddPlanAsync(Guid workspace, Guid wallet, Planning planning, DateTime start, DateTime? end = null, long amount = -1000, EntryType type = EntryType.Expenses,
        Action<PlannedEntry>? configure = null) =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            var walletId = await db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.Id).SingleAsync();
            var plan = new PlannedEntry
            {
                WorkspaceId = ws.Id, Type = type, Amount = amount, CurrencyId = 2, Planning = planning, DateTime = start, EndDateTime = end,
                CategoryId = 3, WalletId = walletId, PaymentTypeId = 1, Note = "plan",
            };
            configure?.Invoke(plan);
            db.PlannedEntries.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

    private Task<List<DateTime>> OccurrencesAsync(int planId) =>
        app.WithDbAsync(db => db.PlannedOccurrences.Where(o => o.PlannedEntryId == planId)
            .Join(db.Entries, o => o.EntryId, e => e.Id, (o, e) => e.DateTime).OrderBy(d => d).ToListAsync());

    /// <summary>Entries of a workspace (the app's database is shared by the tests of the class; each test owns its workspace).</summary>
    private Task<int> EntryCountAsync(Guid workspace) =>
        app.WithDbAsync(db => db.Entries.CountAsync(e => db.Workspaces.Any(w => w.Uuid == workspace && w.Id == e.WorkspaceId)));

    /// <summary>
    /// Runs the recurring job twice at <paramref name="now"/> and returns the entries it wrote in the
    /// workspace: the second run must write none.
    /// </summary>
    private async Task<int> MaterialiseTwiceAsync(Guid workspace, DateTime now)
    {
        app.Clock.Set(now);
        var before = await EntryCountAsync(workspace);
        await app.RunAsync<RecurringEntries>();
        var written = await EntryCountAsync(workspace) - before;
        await app.RunAsync<RecurringEntries>();
        Assert.Equal(before + written, await EntryCountAsync(workspace));
        return written;
    }

    /// <summary>Runs a job twice and returns the entries the runs wrote in the workspace (the second writes none).</summary>
    private async Task<int> RunTwiceAsync<TJob>(Guid workspace)
        where TJob : class
    {
        var before = await EntryCountAsync(workspace);
        await app.RunAsync<TJob>();
        var written = await EntryCountAsync(workspace) - before;
        await app.RunAsync<TJob>();
        Assert.Equal(before + written, await EntryCountAsync(workspace));
        return written;
    }

    [Fact]
    public async Task Monthly_plans_follow_the_anchor_through_month_ends_and_leap_years()
    {
        var (_, ws, wallet) = await SetupAsync();
        var plan = await AddPlanAsync(ws, wallet, Planning.Monthly, Utc(2028, 1, 31, 9));
        Assert.Equal(4, await MaterialiseTwiceAsync(ws, Utc(2028, 4, 30, 12)));
        Assert.Equal([Utc(2028, 1, 31, 9), Utc(2028, 2, 29, 9), Utc(2028, 3, 31, 9), Utc(2028, 4, 30, 9)], await OccurrencesAsync(plan));
        Assert.Equal(-4000, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Yearly_plans_on_February_29_fall_on_February_28_in_common_years()
    {
        var (_, ws, wallet) = await SetupAsync();
        var plan = await AddPlanAsync(ws, wallet, Planning.Yearly, Utc(2028, 2, 29, 9), amount: 500, type: EntryType.Incoming);
        Assert.Equal(6, await MaterialiseTwiceAsync(ws, Utc(2033, 3, 1)));
        Assert.Equal([Utc(2028, 2, 29, 9), Utc(2029, 2, 28, 9), Utc(2030, 2, 28, 9), Utc(2031, 2, 28, 9), Utc(2032, 2, 29, 9), Utc(2033, 2, 28, 9)], await OccurrencesAsync(plan));
        Assert.Equal(3000, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Daily_plans_stop_at_their_end_date()
    {
        var (_, ws, wallet) = await SetupAsync();
        var plan = await AddPlanAsync(ws, wallet, Planning.Daily, Utc(2028, 1, 1, 8), end: Utc(2028, 1, 10, 8));
        Assert.Equal(10, await MaterialiseTwiceAsync(ws, Utc(2028, 2, 1)));
        Assert.Equal(Utc(2028, 1, 10, 8), (await OccurrencesAsync(plan))[^1]);
        Assert.Equal(-10_000, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Weekly_plans_repeat_every_seven_days_and_one_shot_plans_once()
    {
        var (_, ws, wallet) = await SetupAsync();
        var weekly = await AddPlanAsync(ws, wallet, Planning.Weekly, Utc(2028, 1, 3, 9));
        var once = await AddPlanAsync(ws, wallet, Planning.OneShot, Utc(2028, 1, 5, 9));
        Assert.Equal(6, await MaterialiseTwiceAsync(ws, Utc(2028, 1, 31, 10)));
        Assert.Equal([Utc(2028, 1, 3, 9), Utc(2028, 1, 10, 9), Utc(2028, 1, 17, 9), Utc(2028, 1, 24, 9), Utc(2028, 1, 31, 9)], await OccurrencesAsync(weekly));
        Assert.Equal([Utc(2028, 1, 5, 9)], await OccurrencesAsync(once));
        Assert.Equal(4, await MaterialiseTwiceAsync(ws, Utc(2028, 3, 1))); // four more weekly ones in February, no second one-shot
        Assert.Single(await OccurrencesAsync(once));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Occurrences_are_due_in_the_workspaces_time_zone()
    {
        // Auckland is UTC+13 in summer: 00:30 on Jan 31 there is 11:30 UTC on Jan 30.
        var (_, ws, wallet) = await SetupAsync("Pacific/Auckland");
        var plan = await AddPlanAsync(ws, wallet, Planning.Monthly, Utc(2028, 1, 30, 11, 30));
        Assert.Equal(1, await MaterialiseTwiceAsync(ws, Utc(2028, 2, 28, 11, 29)));
        // Feb 29, 00:30 in Auckland (leap year, the anchor's day 31 clamped) = Feb 28, 11:30 UTC.
        Assert.Equal(1, await MaterialiseTwiceAsync(ws, Utc(2028, 2, 28, 11, 30)));
        Assert.Equal([Utc(2028, 1, 30, 11, 30), Utc(2028, 2, 28, 11, 30)], await OccurrencesAsync(plan));
    }

    [Fact]
    public async Task A_week_of_downtime_is_caught_up_without_duplicates()
    {
        var (_, ws, wallet) = await SetupAsync();
        var plan = await AddPlanAsync(ws, wallet, Planning.Daily, Utc(2028, 5, 1, 7));
        Assert.Equal(1, await MaterialiseTwiceAsync(ws, Utc(2028, 5, 1, 12)));
        Assert.Equal(7, await MaterialiseTwiceAsync(ws, Utc(2028, 5, 8, 12)));
        var dates = await OccurrencesAsync(plan);
        Assert.Equal(8, dates.Count);
        Assert.Equal(dates.Count, dates.Distinct().Count());
        Assert.Equal(-8000, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Occurrences_copy_every_field_of_the_plan()
    {
        var (user, ws, wallet) = await SetupAsync();
        var client = user.Client(ws);
        var created = await client.PostAsJsonAsync("/api/entry/planned", new
        {
            date_time = "2028-01-10T09:00:00Z", planning = "monthly", type = "expenses", amount = -12.34m, note = "gym",
            category_id = 7, account_id = wallet, currency_id = "EUR", payment_type = 2, payee_id = "Gym & Co", labels = new[] { "Health" }, confirmed = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await MaterialiseTwiceAsync(ws, Utc(2028, 1, 20)));
        var entry = await app.WithDbAsync(db => db.Entries.Include(e => e.Labels).Include(e => e.Payee)
            .SingleAsync(e => e.Wallet!.Uuid == wallet));
        Assert.Equal((EntryType.Expenses, -1234L, 2, 7, 2, "gym", false, false), (entry.Type, entry.Amount, entry.CurrencyId, entry.CategoryId, entry.PaymentTypeId, entry.Note, entry.Confirmed, entry.Planned));
        Assert.Equal("Gym & Co", entry.Payee!.Name);
        Assert.Equal("Health", Assert.Single(entry.Labels).Name);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet)); // unconfirmed: listed, never counted
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task A_transfer_plan_writes_a_transfer_pair_and_a_deleted_plan_stops()
    {
        var (_, ws, wallet) = await SetupAsync();
        var savings = await app.AddWalletAsync(ws, "Savings");
        var savingsId = await app.WithDbAsync(db => db.Wallets.Where(w => w.Uuid == savings).Select(w => w.Id).SingleAsync());
        var plan = await AddPlanAsync(ws, wallet, Planning.Monthly, Utc(2028, 1, 1, 9), amount: 20_000, type: EntryType.Transfer,
            configure: p => { p.TransferWalletId = savingsId; p.CategoryId = 75; });
        Assert.Equal(4, await MaterialiseTwiceAsync(ws, Utc(2028, 2, 15)));
        Assert.Equal(-40_000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(40_000, await app.WalletBalanceAsync(savings));

        await app.WithDbAsync(async db =>
        {
            var row = await db.PlannedEntries.SingleAsync(p => p.Id == plan);
            row.DeletedAt = Utc(2028, 2, 20);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await MaterialiseTwiceAsync(ws, Utc(2028, 6, 1)));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Future_entries_count_when_their_time_comes_and_unconfirmed_ones_never()
    {
        var (user, ws, wallet) = await SetupAsync("Pacific/Auckland");
        var client = user.Client(ws);
        // A day without a time is midnight in the workspace's zone: 2028-01-10 00:00 NZDT = 2028-01-09 11:00 UTC.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -25m, date_time = "2028-01-10", account_id = wallet })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -7m, date_time = "2028-01-10", account_id = wallet, confirmed = false })).StatusCode);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));

        app.Clock.Set(Utc(2028, 1, 9, 10, 59));
        await app.RunAsync<PlannedActivation>();
        Assert.Equal(2, await PlannedCountAsync(wallet));
        app.Clock.Set(Utc(2028, 1, 9, 11, 0));
        await app.RunAsync<PlannedActivation>();
        await app.RunAsync<PlannedActivation>();
        Assert.Equal(0, await PlannedCountAsync(wallet));
        Assert.Equal(-2500, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    private Task<int> PlannedCountAsync(Guid wallet) => app.WithDbAsync(db => db.Entries.CountAsync(e => e.Wallet!.Uuid == wallet && e.Planned));

    private Task<Guid> AddCardAsync(Guid workspace, Guid payer, WalletType type, long balance, DateOnly invoice, long? instalment = null) =>
        app.WithDbAsync(async db =>
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Uuid == workspace);
            var payerId = await db.Wallets.Where(w => w.Uuid == payer).Select(w => w.Id).SingleAsync();
            var card = new Wallet
            {
                WorkspaceId = ws.Id, Name = "Card", Type = type, CurrencyId = 2, OpeningBalance = balance, Balance = balance, Installement = instalment is not null,
                InstallementValue = instalment, InvoiceDate = invoice, ClosingDate = invoice.AddDays(-10), PaymentAccountId = payerId,
            };
            db.Wallets.Add(card);
            await db.SaveChangesAsync();
            return card.Uuid;
        });

    private Task<DateOnly?> InvoiceDateAsync(Guid card) => app.WithDbAsync(db => db.Wallets.Where(w => w.Uuid == card).Select(w => w.InvoiceDate).SingleAsync());

    [Fact]
    public async Task A_revolving_card_pays_one_instalment_per_statement_once()
    {
        var (_, ws, payer) = await SetupAsync();
        var card = await AddCardAsync(ws, payer, WalletType.CreditCardRevolving, -100_000, new DateOnly(2028, 1, 15), instalment: 40_000);
        app.Clock.Set(Utc(2028, 1, 14, 23));
        Assert.Equal(0, await RunTwiceAsync<CardSettlements>(ws));
        app.Clock.Set(Utc(2028, 1, 15, 6));
        Assert.Equal(2, await RunTwiceAsync<CardSettlements>(ws));
        Assert.Equal(-60_000, await app.WalletBalanceAsync(card));
        Assert.Equal(-40_000, await app.WalletBalanceAsync(payer));
        Assert.Equal(new DateOnly(2028, 2, 15), await InvoiceDateAsync(card));
        var pair = await app.WithDbAsync(db => db.Entries.Where(e => e.Transfer && (e.Wallet!.Uuid == card || e.Wallet.Uuid == payer)).ToListAsync());
        Assert.Equal(2, pair.Count);
        Assert.All(pair, e => Assert.Equal((EntryType.Transfer, 75, 2), (e.Type, e.CategoryId, e.PaymentTypeId)));
        Assert.Equal(pair[0].Uuid, pair[1].TransferRelation);

        // Two statements missed while down: 400 and then the remaining 200, each once.
        app.Clock.Set(Utc(2028, 3, 20));
        Assert.Equal(4, await RunTwiceAsync<CardSettlements>(ws));
        Assert.Equal(0, await app.WalletBalanceAsync(card));
        Assert.Equal(-100_000, await app.WalletBalanceAsync(payer));
        Assert.Equal(new DateOnly(2028, 4, 15), await InvoiceDateAsync(card));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task A_plain_card_pays_its_full_debt_on_the_invoice_date()
    {
        var (_, ws, payer) = await SetupAsync();
        var card = await AddCardAsync(ws, payer, WalletType.CreditCard, -30_000, new DateOnly(2028, 6, 1));
        app.Clock.Set(Utc(2028, 6, 1, 12));
        Assert.Equal(2, await RunTwiceAsync<CardSettlements>(ws));
        Assert.Equal(0, await app.WalletBalanceAsync(card));
        Assert.Equal(-30_000, await app.WalletBalanceAsync(payer));
        Assert.Equal(new DateOnly(2028, 7, 1), await InvoiceDateAsync(card));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task The_owner_sees_the_failures_of_its_plans_and_others_do_not()
    {
        var (owner, ws, wallet) = await SetupAsync();
        // USD without an exchange rate in a EUR workspace: the occurrence is refused as the API would refuse it.
        var plan = await AddPlanAsync(ws, wallet, Planning.Monthly, Utc(2028, 1, 1, 9), configure: p => p.CurrencyId = 1);
        Assert.Equal(0, await MaterialiseTwiceAsync(ws, Utc(2028, 2, 1)));
        app.Clock.Set(null);

        var history = await (await owner.Client(ws).GetAsync("/api/jobs/history")).Json();
        var failure = Assert.Single(history["failures"]!.AsArray())!; // two runs, one failure: a repeat moves its time
        Assert.Equal("recurring-entries", (string)failure["job"]!);
        Assert.Contains("exchange rate", (string)failure["message"]!, StringComparison.OrdinalIgnoreCase);
        var planUuid = await app.WithDbAsync(db => db.PlannedEntries.Where(p => p.Id == plan).Select(p => p.Uuid).SingleAsync());
        Assert.Equal(planUuid, Guid.Parse((string)failure["subject"]!));
        Assert.Contains(history["jobs"]!.AsArray(), j => (string)j!["name"]! == "recurring-entries");
        var planState = Assert.Single(history["plans"]!.AsArray())!;
        Assert.Null(planState["last_occurrence"]);
        Assert.StartsWith("2028-01-01T09:00:00", (string)planState["next_occurrence"]!, StringComparison.Ordinal);

        var member = await app.NewUserAsync();
        Assert.Equal(HttpStatusCode.Created, (await owner.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = member.Email })).StatusCode);
        await (await member.Client(ws).GetAsync("/api/jobs/history")).Problem(HttpStatusCode.Forbidden);

        var stranger = await app.NewUserAsync();
        await (await stranger.Client(ws).GetAsync("/api/jobs/history")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteJobsTests(SqliteJobsApp app) : JobsTests(app), IClassFixture<SqliteJobsApp>;

public sealed class PostgresJobsTests(PostgresJobsApp app) : JobsTests(app), IClassFixture<PostgresJobsApp>;
