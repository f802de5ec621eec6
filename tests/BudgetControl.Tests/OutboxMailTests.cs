using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Jobs.Mail;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BudgetControl.Tests;

/// <summary>
/// Transactional mail through the outbox to a real (in-test) SMTP server: in the recipient's language,
/// kept while the server is down and sent exactly once when it is back.
/// </summary>
public sealed class OutboxMailTests(OutboxMailTests.App app) : IClassFixture<OutboxMailTests.App>
{
    public sealed class App : JobsApp
    {
        public int SmtpPort { get; } = ChildProcess.FreePort();

        public SmtpSink? Sink { get; private set; }

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Mail:Smtp:Host", "127.0.0.1"),
            new("Mail:Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Mail:Smtp:Security", "None"),
            new("Mail:RetrySeconds", "30"),
        ];

        public void SmtpUp() => Sink ??= new SmtpSink(SmtpPort);

        public async Task SmtpDownAsync()
        {
            if (Sink is { } sink)
            {
                Sink = null;
                await sink.DisposeAsync();
            }
        }

        public List<MimeMessage> MailsTo(string email) =>
            Sink is null ? [] : [.. Sink.Messages.Where(m => m.Contains(email, StringComparison.OrdinalIgnoreCase)).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m))))];

        public override async ValueTask DisposeAsync()
        {
            await SmtpDownAsync();
            await base.DisposeAsync();
        }
    }

    private async Task<MimeMessage> MailAsync(string email, string subjectPart)
    {
        for (var i = 0; i < 50; i++)
        {
            if (app.MailsTo(email).FirstOrDefault(m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true) is { } message)
            {
                return message;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No '{subjectPart}' mail for {email}.");
    }

    private async Task<TestUser> SignUpAsync(string locale)
    {
        var email = $"m{Guid.NewGuid():N}@example.com";
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "Mia", email, password = BudgetApp.Password, locale });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = await MailAsync(email, locale == "it" ? "Conferma il tuo account" : "Confirm your BudgetControl account");
        var token = Regex.Match(mail.TextBody ?? "", "/api/auth/confirm/([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/auth/confirm/{token}")).StatusCode);
        return await app.SignInAsync(email, BudgetApp.Password, "Mia");
    }

    [Fact]
    public async Task Account_and_sharing_mails_arrive_in_the_recipients_language()
    {
        app.Clock.Set(null);
        app.SmtpUp();
        var english = await SignUpAsync("en");
        var italian = await SignUpAsync("it");
        var welcome = Assert.Single(app.MailsTo(italian.Email));
        Assert.Contains("benvenuto in BudgetControl", welcome.TextBody, StringComparison.Ordinal);
        Assert.Contains("benvenuto in BudgetControl", welcome.HtmlBody, StringComparison.Ordinal);

        var ws = await english.CreateWorkspaceAsync("Casa");
        var shared = await english.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = italian.Email });
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var share = await MailAsync(italian.Email, "condiviso con te");
        Assert.Contains("ha condiviso con te il workspace \"Casa\"", share.TextBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await english.Client().DeleteAsync($"/api/workspace/{ws}/unshare/{italian.Uuid}")).StatusCode);
        var unshare = await MailAsync(italian.Email, "Sei stato rimosso da Casa");
        Assert.Contains("ha rimosso la condivisione del workspace \"Casa\"", unshare.TextBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PostAsJsonAsync("/api/auth/reset-password", new { email = english.Email })).StatusCode);
        var reset = await MailAsync(english.Email, "Reset your BudgetControl password");
        Assert.Matches("/api/auth/reset-password/[A-Za-z0-9_-]+", reset.TextBody);
        Assert.Equal(2, app.MailsTo(english.Email).Count); // confirmation and reset, each once
    }

    [Fact]
    public async Task Mail_waits_while_smtp_is_down_and_goes_out_exactly_once_when_it_is_back()
    {
        await app.SmtpDownAsync();
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        var email = $"d{Guid.NewGuid():N}@example.com";
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "Dan", email, password = BudgetApp.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await app.RunAsync<MailDispatcher>();
        // The attempt is the dispatcher's kicked at the commit, or the run above: either way one failed, and the mail stays.
        var row = await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.To.Contains(email)));
        for (var i = 0; i < 50 && row.Attempts == 0; i++)
        {
            await Task.Delay(100);
            row = await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.To.Contains(email)));
        }
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);

        app.SmtpUp();
        Assert.Equal(0, await app.RunAsync<MailDispatcher>()); // still backing off
        Assert.Empty(app.MailsTo(email));

        app.Clock.Set(now.AddHours(2));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(app.RunAsync<MailDispatcher>)));
        await app.RunAsync<MailDispatcher>();
        var mail = Assert.Single(app.MailsTo(email));
        Assert.Equal("Confirm your BudgetControl account", mail.Subject);
        Assert.NotNull(await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.Id == row.Id).Select(m => m.SentAt).SingleAsync()));
        app.Clock.Set(null);
    }
}
