using System.Net;
using System.Net.Http.Json;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>With an SMTP server configured, account mails go to it (and not to the pickup folder).</summary>
public sealed class MailTests(MailTests.App app) : IClassFixture<MailTests.App>
{
    public sealed class App : BudgetApp
    {
        public SmtpSink Sink { get; } = new();

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Mail:Smtp:Host", "127.0.0.1"),
            new("Mail:Smtp:Port", Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Mail:Smtp:Security", "None"),
        ];

        public override async ValueTask DisposeAsync()
        {
            await Sink.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sign_up_mails_the_confirmation_link_through_smtp()
    {
        var email = $"s{Guid.NewGuid():N}@example.com";
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "Sam", email, password = BudgetApp.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The outbox dispatcher of this process sends it right after the commit.
        string? message = null;
        for (var i = 0; i < 50 && message is null; i++)
        {
            message = app.Sink.Messages.SingleOrDefault(m => m.Contains(email, StringComparison.Ordinal));
            await Task.Delay(message is null ? 100 : 0);
        }
        Assert.NotNull(message);
        Assert.Contains("Subject: Confirm your BudgetControl account", message);
        Assert.Matches("/api/auth/confirm/[A-Za-z0-9_-]+", message);
        Assert.False(Directory.Exists(app.MailDirectory) && Directory.EnumerateFiles(app.MailDirectory).Any());
    }
}
