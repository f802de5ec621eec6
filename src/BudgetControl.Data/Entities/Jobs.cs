namespace BudgetControl.Data.Entities;

/// <summary>
/// One materialised occurrence of a recurring plan: the unique (plan, date) key that makes the jobs
/// worker idempotent, written in the same transaction as the entry it produced.
/// </summary>
public sealed class PlannedOccurrence
{
    public int Id { get; set; }
    public int PlannedEntryId { get; set; }
    /// <summary>The occurrence's calendar date in the workspace's time zone.</summary>
    public DateOnly OccurrenceDate { get; set; }
    public int EntryId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One settled credit-card statement: unique per card and invoice date, so a statement is paid once.</summary>
public sealed class CardSettlement
{
    public int Id { get; set; }
    public int WalletId { get; set; }
    public DateOnly InvoiceDate { get; set; }
    /// <summary>Minor units of the card's currency moved from the payment wallet (0: nothing was due).</summary>
    public long Amount { get; set; }
    /// <summary>The source side of the transfer pair, when something was paid.</summary>
    public int? EntryId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A transactional e-mail waiting to be sent (the outbox): written in the same transaction as the change
/// that causes it, rendered already, and marked sent by the dispatcher in the step that sends it.
/// </summary>
public sealed class OutboxMail
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    /// <summary>Template name, e.g. <c>sign-up</c>, for logs and metrics.</summary>
    public string Template { get; set; } = "";
    public string Locale { get; set; } = "en";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The dispatcher that claimed the row and until when (so two workers never send it twice).</summary>
    public Guid? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

/// <summary>A failed run of a job for one workspace's plan or card, for the owner's job history.</summary>
public sealed class JobFailure
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public string Job { get; set; } = "";
    /// <summary>The plan's or wallet's uuid.</summary>
    public Guid Subject { get; set; }
    public string Message { get; set; } = "";
    public DateTime FailedAt { get; set; }
}

/// <summary>
/// A budget threshold reached in one period: unique per budget, period start and threshold, written in the
/// same transaction as the alert mails, so each threshold of each period is mailed once.
/// </summary>
public sealed class BudgetAlert
{
    public int Id { get; set; }
    public int BudgetId { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>First day of the budget's period (workspace time zone) in which the threshold was reached.</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>The threshold in percent (1-100).</summary>
    public int Threshold { get; set; }
    /// <summary>Spent percentage of the budget when the alert was recorded.</summary>
    public decimal SpentPercentage { get; set; }
    /// <summary>Mails queued for it (0 on the rows of lower thresholds crossed at the same time, or without recipients).</summary>
    public int Mails { get; set; }
    public DateTime CreatedAt { get; set; }
}
