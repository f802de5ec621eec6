using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Jobs.Budgets;
using BudgetControl.Jobs.Mail;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BudgetControl.Tests;

/// <summary>A jobs app whose mail goes to an in-test SMTP server that runs as long as the app.</summary>
public abstract class BudgetAlertApp : JobsApp
{
    public SmtpSink Sink { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", Sink.Port.ToString(CultureInfo.InvariantCulture)),
        new("Mail:Smtp:Security", "None"),
    ];

    /// <summary>The messages the SMTP server received for <paramref name="email"/>.</summary>
    public List<MimeMessage> MailsTo(string email) =>
        [.. Sink.Messages.Where(m => m.Contains(email, StringComparison.OrdinalIgnoreCase)).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m))))];

    public override async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class SqliteBudgetAlertApp : BudgetAlertApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresBudgetAlertApp : BudgetAlertApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// Budget alert e-mails (issue 13): each threshold once per period, only to current members the budget names,
/// in their language, with the budget's own figures. Entries are dated in 2026 (in the past, so they count
/// at once); the job runs with the clock set inside the budget's period.
/// </summary>
public abstract class BudgetAlertTests(BudgetAlertApp app)
{
    private const int Groceries = 3;

    private static readonly DateTime March = new(2026, 3, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime April = new(2026, 4, 20, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Signs up (mail through the SMTP server), confirms and signs in a user with a locale.</summary>
    private async Task<TestUser> UserAsync(string name, string locale = "en")
    {
        app.Clock.Set(null);
        var email = $"a{Guid.NewGuid():N}@example.com";
        var signUp = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name, email, password = BudgetApp.Password, locale });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        string? token = null;
        for (var i = 0; i < 100 && token is null; i++)
        {
            await app.RunAsync<MailDispatcher>();
            token = app.MailsTo(email).Select(m => Regex.Match(m.TextBody ?? "", "/api/auth/confirm/([A-Za-z0-9_-]+)")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (token is null)
            {
                await Task.Delay(50);
            }
        }
        Assert.NotNull(token);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/auth/confirm/{token}")).StatusCode);
        return await app.SignInAsync(email, BudgetApp.Password, name);
    }

    private async Task<(TestUser Owner, Guid Workspace, Guid Wallet, HttpClient Client)> SetupAsync()
    {
        var owner = await UserAsync("Ann");
        var ws = await owner.CreateWorkspaceAsync("Home", new { workspace = new { name = "Home", time_zone = "UTC", currency = "EUR" } });
        return (owner, ws, await app.DefaultWalletAsync(ws), owner.Client(ws));
    }

    private static async Task<Guid> BudgetAsync(HttpClient client, decimal amount, IEnumerable<string> emails, bool notification = true, string name = "Food")
    {
        var response = await client.PostAsJsonAsync("/api/budget/create", new
        {
            name, amount, notification, emails = emails.ToArray(), configuration = new { period = "monthly", categories = new[] { Groceries } },
        });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return Guid.Parse((string)body["uuid"]!);
    }

    private static async Task SpendAsync(HttpClient client, Guid wallet, decimal amount, DateTime utc)
    {
        var response = await client.PostAsJsonAsync("/api/entry/expense", new
        {
            amount = -amount, date_time = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), account_id = wallet, category_id = Groceries,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the alert job twice at <paramref name="now"/>; returns the mails the first run queued (the second must queue none).</summary>
    private async Task<int> AlertTwiceAsync(DateTime now)
    {
        await DrainOutboxAsync(); // the account and sharing mails, at the real time
        app.Clock.Set(now);
        try
        {
            var queued = await app.RunAsync<BudgetAlerts>();
            Assert.Equal(0, await app.RunAsync<BudgetAlerts>());
            // Sent before the clock moves on: a claim taken at this instant must not look expired to a dispatcher at the real time.
            await DrainOutboxAsync();
            return queued;
        }
        finally
        {
            app.Clock.Set(null);
        }
    }

    private async Task DrainOutboxAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await app.RunAsync<MailDispatcher>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            if (await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.SentAt == null && m.NextAttemptAt <= now)) == 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("The outbox was not sent.");
    }

    /// <summary>The budget alert mails <paramref name="email"/> received, once the outbox has nothing left for it.</summary>
    private async Task<List<MimeMessage>> AlertMailsAsync(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            await app.RunAsync<MailDispatcher>();
            var unsent = await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.To.Contains(email) && m.SentAt == null));
            if (unsent == 0)
            {
                break;
            }
            await Task.Delay(50);
        }
        return [.. app.MailsTo(email).Where(m => m.Subject?.StartsWith("Budget", StringComparison.Ordinal) == true)];
    }

    private Task<List<int>> RecordedAsync(Guid budget) =>
        app.WithDbAsync(db => db.BudgetAlerts.Where(a => db.Budgets.Any(b => b.Uuid == budget && b.Id == a.BudgetId))
            .OrderBy(a => a.Threshold).Select(a => a.Threshold).ToListAsync());

    [Fact]
    public async Task Crossing_70_then_90_then_100_sends_one_mail_each_and_reruns_send_nothing()
    {
        var (owner, ws, wallet, client) = await SetupAsync();
        var budget = await BudgetAsync(client, 200m, [owner.Email]);

        await SpendAsync(client, wallet, 130m, new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)); // 65 %: below every threshold
        Assert.Equal(0, await AlertTwiceAsync(March));
        Assert.Empty(await AlertMailsAsync(owner.Email));
        Assert.Empty(await RecordedAsync(budget));

        await SpendAsync(client, wallet, 20.50m, new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc)); // 75.25 %
        Assert.Equal(1, await AlertTwiceAsync(March));
        var first = Assert.Single(await AlertMailsAsync(owner.Email));
        Assert.Equal("Budget \"Food\": 75.25% spent", first.Subject);
        Assert.Contains("the budget \"Food\" of the workspace \"Home\" has reached 70% of its amount.", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Spent: €150.50 of €200.00 (75.25%)", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Period: 1 March 2026 to 31 March 2026", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello Ann,", first.TextBody, StringComparison.Ordinal);

        await SpendAsync(client, wallet, 40m, new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc)); // 95.25 %
        Assert.Equal(1, await AlertTwiceAsync(March));
        var mails = await AlertMailsAsync(owner.Email);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => (m.TextBody ?? "").Contains("has reached 90% of its amount.", StringComparison.Ordinal));

        await SpendAsync(client, wallet, 10m, new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc)); // 100.25 %: exceeded
        Assert.Equal(1, await AlertTwiceAsync(March));
        mails = await AlertMailsAsync(owner.Email);
        Assert.Equal(3, mails.Count);
        var exceeded = Assert.Single(mails, m => m.Subject == "Budget \"Food\" exceeded: 100.25% spent");
        Assert.Contains("Spent: €200.50 of €200.00 (100.25%)", exceeded.TextBody, StringComparison.Ordinal);

        await SpendAsync(client, wallet, 50m, new DateTime(2026, 3, 13, 9, 0, 0, DateTimeKind.Utc)); // more spending, no threshold left
        Assert.Equal(0, await AlertTwiceAsync(March));
        Assert.Equal(3, (await AlertMailsAsync(owner.Email)).Count);
        Assert.Equal([70, 90, 100], await RecordedAsync(budget));

        // The owner's job history lists the job and the alerts.
        var history = await (await owner.Client(ws).GetAsync("/api/jobs/history")).Json();
        Assert.Contains(history["jobs"]!.AsArray(), j => (string)j!["name"]! == "budget-alerts");
        var alerts = history["budget_alerts"]!.AsArray();
        Assert.Equal(3, alerts.Count);
        Assert.All(alerts, a => Assert.Equal((budget.ToString(), "2026-03-01", 1), ((string)a!["budget"]!, (string)a["period_start"]!, (int)a["mails"]!)));
        Assert.Empty(history["failures"]!.AsArray());
    }

    [Fact]
    public async Task Thresholds_crossed_at_once_send_one_mail_and_a_new_period_alerts_again()
    {
        var (owner, _, wallet, client) = await SetupAsync();
        var budget = await BudgetAsync(client, 100m, [owner.Email]);

        await SpendAsync(client, wallet, 95m, new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, await AlertTwiceAsync(March));
        var march = Assert.Single(await AlertMailsAsync(owner.Email));
        Assert.Contains("has reached 90% of its amount.", march.TextBody, StringComparison.Ordinal);
        Assert.Equal([70, 90], await RecordedAsync(budget));

        // April is a new period: March's spending does not count, and April's crosses 70 % again.
        Assert.Equal(0, await AlertTwiceAsync(April));
        await SpendAsync(client, wallet, 80m, new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, await AlertTwiceAsync(April));
        var mails = await AlertMailsAsync(owner.Email);
        Assert.Equal(2, mails.Count);
        var april = Assert.Single(mails, m => (m.TextBody ?? "").Contains("Period: 1 April 2026 to 30 April 2026", StringComparison.Ordinal));
        Assert.Contains("has reached 70% of its amount.", april.TextBody, StringComparison.Ordinal);
        Assert.Contains("Spent: €80.00 of €100.00 (80%)", april.TextBody, StringComparison.Ordinal);
        Assert.Equal(3, (await RecordedAsync(budget)).Count);
    }

    [Fact]
    public async Task A_budget_with_notifications_off_sends_nothing()
    {
        var (owner, _, wallet, client) = await SetupAsync();
        var budget = await BudgetAsync(client, 100m, [owner.Email], notification: false);
        await SpendAsync(client, wallet, 150m, new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, await AlertTwiceAsync(March));
        Assert.Empty(await AlertMailsAsync(owner.Email));
        Assert.Empty(await RecordedAsync(budget));
    }

    [Fact]
    public async Task Only_current_members_named_by_the_budget_get_it_each_in_their_language()
    {
        var (owner, ws, wallet, client) = await SetupAsync();
        var giulia = await UserAsync("Giulia", "it");
        var removed = await UserAsync("Rob");
        var unnamed = await UserAsync("Una");
        var stranger = await UserAsync("Stan");
        foreach (var member in new[] { giulia, removed, unnamed })
        {
            Assert.Equal(HttpStatusCode.Created, (await owner.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = member.Email })).StatusCode);
        }
        var budget = await BudgetAsync(client, 1500m, [owner.Email, giulia.Email, removed.Email]);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client().DeleteAsync($"/api/workspace/{ws}/unshare/{removed.Uuid}")).StatusCode);
        // An address that is not a member's can only get into the row by another way than the API: still nobody mails it.
        await app.WithDbAsync(async db =>
        {
            var row = await db.Budgets.SingleAsync(b => b.Uuid == budget);
            row.Emails += "," + stranger.Email;
            return await db.SaveChangesAsync();
        });

        await SpendAsync(client, wallet, 1234.56m, new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc)); // 82.3 %
        Assert.Equal(2, await AlertTwiceAsync(March));

        var italian = Assert.Single(await AlertMailsAsync(giulia.Email));
        Assert.Equal("Budget \"Food\": speso il 82,3%", italian.Subject);
        Assert.Contains("Ciao Giulia,", italian.TextBody, StringComparison.Ordinal);
        Assert.Contains("il budget \"Food\" del workspace \"Home\" ha raggiunto il 70% del suo importo.", italian.TextBody, StringComparison.Ordinal);
        Assert.Contains("Speso: 1.234,56 € su 1.500,00 € (82,3%)", (italian.TextBody ?? "").Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("Periodo: dal 1 marzo 2026 al 31 marzo 2026", italian.TextBody, StringComparison.Ordinal);

        var english = Assert.Single(await AlertMailsAsync(owner.Email));
        Assert.Contains("Spent: €1,234.56 of €1,500.00 (82.3%)", english.TextBody, StringComparison.Ordinal);

        Assert.Empty(await AlertMailsAsync(removed.Email));
        Assert.Empty(await AlertMailsAsync(unnamed.Email));
        Assert.Empty(await AlertMailsAsync(stranger.Email));
    }

    [Fact]
    public async Task Another_workspaces_entries_never_count()
    {
        var (owner, _, _, client) = await SetupAsync();
        var budget = await BudgetAsync(client, 100m, [owner.Email]);
        var (other, _, otherWallet, otherClient) = await SetupAsync();
        await SpendAsync(otherClient, otherWallet, 500m, new DateTime(2026, 3, 7, 9, 0, 0, DateTimeKind.Utc));
        var otherBudget = await BudgetAsync(otherClient, 1000m, [other.Email]);

        Assert.Equal(0, await AlertTwiceAsync(March));
        Assert.Empty(await RecordedAsync(budget));
        Assert.Empty(await RecordedAsync(otherBudget));
        Assert.Empty(await AlertMailsAsync(owner.Email));
        Assert.Empty(await AlertMailsAsync(other.Email));
    }

    [Fact]
    public async Task A_broken_budget_is_recorded_as_a_failure_and_other_workspaces_still_get_their_alerts()
    {
        var (owner, ws, _, client) = await SetupAsync();
        var broken = await BudgetAsync(client, 100m, [owner.Email]);
        await app.WithDbAsync(async db =>
        {
            var row = await db.Budgets.SingleAsync(b => b.Uuid == broken);
            row.Configuration = "{not json";
            return await db.SaveChangesAsync();
        });
        var (other, _, otherWallet, otherClient) = await SetupAsync();
        await BudgetAsync(otherClient, 100m, [other.Email]);
        await SpendAsync(otherClient, otherWallet, 71m, new DateTime(2026, 3, 8, 9, 0, 0, DateTimeKind.Utc));

        Assert.Equal(1, await AlertTwiceAsync(March));
        Assert.Single(await AlertMailsAsync(other.Email));
        var failure = Assert.Single((await (await owner.Client(ws).GetAsync("/api/jobs/history")).Json())["failures"]!.AsArray())!;
        Assert.Equal("budget-alerts", (string)failure["job"]!);
        Assert.Equal(ws, Guid.Parse((string)failure["subject"]!));
    }
}

public sealed class SqliteBudgetAlertTests(SqliteBudgetAlertApp app) : BudgetAlertTests(app), IClassFixture<SqliteBudgetAlertApp>;

public sealed class PostgresBudgetAlertTests(PostgresBudgetAlertApp app) : BudgetAlertTests(app), IClassFixture<PostgresBudgetAlertApp>;
