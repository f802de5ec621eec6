using BudgetControl.Data;
using BudgetControl.Data.Entities;

namespace BudgetControl.Hosting.Mail;

/// <summary>
/// The one way a module sends e-mail: it adds a rendered message to the outbox table in its own
/// transaction (so the mail exists exactly when the change that causes it does), and after the commit
/// calls <see cref="Kick"/>; the jobs worker's dispatcher sends it, retrying while SMTP is down.
/// </summary>
public sealed class MailOutbox(TimeProvider clock, MailDispatchSignal signal)
{
    /// <summary>Adds the mail to <paramref name="db"/>; it is written by the caller's next SaveChanges.</summary>
    public OutboxMail Enqueue(BudgetDbContext db, string template, string? locale, string toName, string toAddress, IReadOnlyDictionary<string, string> values)
    {
        var (subject, text, html) = MailTemplates.Render(template, locale, values);
        var now = clock.GetUtcNow().UtcDateTime;
        var mail = new OutboxMail
        {
            Template = template,
            Locale = MailTemplates.Language(locale),
            To = new MimeKit.MailboxAddress(toName, toAddress).ToString(),
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMails.Add(mail);
        return mail;
    }

    /// <summary>Asks this process's dispatcher (when it hosts the jobs module) to send now rather than at its next run.</summary>
    public void Kick() => signal.Raise();
}

/// <summary>Wakes the mail dispatcher of this process after a commit that queued mail.</summary>
public sealed class MailDispatchSignal : IDisposable
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: one dispatch sends everything that is due.
        }
    }

    public Task WaitAsync(CancellationToken ct) => _raised.WaitAsync(ct);

    public void Dispose() => _raised.Dispose();
}
