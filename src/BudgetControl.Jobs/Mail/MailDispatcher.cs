using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BudgetControl.Jobs.Mail;

/// <summary>
/// Sends the outbox: each due mail is claimed by one dispatcher with a conditional update (so two workers
/// never send the same row), handed to SMTP and marked sent by that claim; when SMTP is down the mail
/// stays, with exponential back-off (<c>Mail:RetrySeconds</c> doubling up to an hour), and the run stops.
/// A crash between the hand-over and the mark is the one case that could send twice; the stable
/// Message-Id lets the receiving side drop the copy.
/// </summary>
internal sealed class MailDispatcher(BudgetDbContext db, IMailSender sender, TimeProvider clock, IConfiguration configuration, JobMetrics metrics, ILogger<MailDispatcher> logger)
{
    public const string Name = "send-mail";

    /// <summary>How long a claim holds before another dispatcher may take the mail over.</summary>
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>Runs once; returns how many mails were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.OutboxMails.AsNoTracking()
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
            if (due.Count == 0)
            {
                return sent;
            }
            var progressed = false;
            foreach (var id in due)
            {
                var claim = Guid.NewGuid();
                var claimedUntil = now + ClaimLifetime;
                var claimed = await db.OutboxMails
                    .Where(m => m.Id == id && m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, claimedUntil), ct);
                if (claimed == 0)
                {
                    continue; // another dispatcher has it
                }
                var mail = await db.OutboxMails.AsNoTracking().FirstAsync(m => m.Id == id, ct);
                try
                {
                    await sender.SendAsync(ToMessage(mail), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await DeferAsync(mail, claim, ex, ct);
                    return sent; // the server is down or refusing: the rest waits for the next run
                }
                var sentAt = clock.GetUtcNow().UtcDateTime;
                await db.OutboxMails.Where(m => m.Id == id && m.ClaimedBy == claim)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.ClaimedBy, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Sent {Template} mail {Mail} ({Locale}) after {Attempts} attempt(s)", mail.Template, mail.Uuid, mail.Locale, mail.Attempts + 1);
                }
                sent++;
                progressed = true;
            }
            if (!progressed)
            {
                return sent;
            }
        }
    }

    private async Task DeferAsync(OutboxMail mail, Guid claim, Exception error, CancellationToken ct)
    {
        var attempts = mail.Attempts + 1;
        var first = TimeSpan.FromSeconds(configuration.GetValue("Mail:RetrySeconds", 30));
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, first.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var next = clock.GetUtcNow().UtcDateTime + delay;
        var message = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
        await db.OutboxMails.Where(m => m.Id == mail.Id && m.ClaimedBy == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, message)
                .SetProperty(m => m.ClaimedBy, (Guid?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
        metrics.Failures.Add(1, new KeyValuePair<string, object?>("job", Name));
        logger.LogWarning(error, "Could not send {Template} mail {Mail} (attempt {Attempts}); next attempt at {Next:o}", mail.Template, mail.Uuid, attempts, next);
    }

    private static MimeMessage ToMessage(OutboxMail mail)
    {
        var message = new MimeMessage
        {
            // Stable across retries, so a receiver can recognise a copy.
            MessageId = $"{mail.Uuid:N}@budgetcontrol",
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
        };
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}

/// <summary>Sends at once when a request of this process queued mail, instead of waiting for the next scheduled run.</summary>
internal sealed class MailKick(Hosting.Mail.MailDispatchSignal signal, IServiceScopeFactory scopes, ILogger<MailKick> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailDispatcher>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Mail dispatch failed; the scheduled run retries");
            }
        }
    }
}
