using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Jobs;
using BudgetControl.Hosting.Mail;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Jobs.Budgets;

/// <summary>
/// Mails a budget's recipients when its spending in the current period crosses a threshold (original-analytics
/// §8 <c>budget:email-exceeded</c>, which never ran): once per budget, period start and threshold (a unique key,
/// written in the same transaction as the outbox rows, so a rerun or a second worker mails nothing again); one
/// mail naming the highest threshold when several are crossed at once. Recipients are the addresses the budget
/// names that belong to current members of its workspace at send time, each in their own language.
/// </summary>
internal sealed class BudgetAlerts(BudgetDbContext db, IBudgetAlertFigures figures, MailOutbox outbox, JobRecorder recorder, TimeProvider clock)
{
    public const string Name = "budget-alerts";

    /// <summary>Runs once; returns how many mails were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var mails = 0;
        foreach (var workspaceId in await figures.WorkspacesAsync(ct))
        {
            IReadOnlyList<BudgetAlertFigures> budgets;
            try
            {
                budgets = await figures.FiguresAsync(workspaceId, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !TransientRetry.IsTransient(ex))
            {
                // One workspace's broken budget must not stop the others' alerts (the original's job aborted on any error).
                var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Uuid).FirstOrDefaultAsync(ct);
                await recorder.FailedAsync(Name, workspaceId, workspace, ex.Message, ct);
                continue;
            }
            foreach (var budget in budgets)
            {
                var crossed = budget.Thresholds.Where(t => t <= budget.SpentPercentage).ToList();
                if (crossed.Count == 0)
                {
                    continue;
                }
                var recorded = await RecordedAsync(budget, ct);
                var fresh = crossed.Except(recorded).ToList();
                if (fresh.Count == 0)
                {
                    continue;
                }
                try
                {
                    mails += await AlertAsync(workspaceId, budget, fresh, recorded, ct);
                }
                catch (Exception ex) when (TransientRetry.IsTransient(ex))
                {
                    db.ChangeTracker.Clear(); // the database aborted the write (deadlock, busy file): the next run tries again
                }
                catch (DbUpdateException ex) when (TransientRetry.IsUniqueViolation(ex))
                {
                    db.ChangeTracker.Clear(); // another worker recorded this alert first, and mailed it
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await recorder.FailedAsync(Name, workspaceId, budget.BudgetUuid, ex.InnerException?.Message ?? ex.Message, ct);
                }
            }
        }
        if (mails > 0)
        {
            outbox.Kick();
        }
        return mails;
    }

    private Task<List<int>> RecordedAsync(BudgetAlertFigures budget, CancellationToken ct) =>
        db.BudgetAlerts.AsNoTracking().Where(a => a.BudgetId == budget.BudgetId && a.PeriodStart == budget.PeriodStart)
            .Select(a => a.Threshold).ToListAsync(ct);

    /// <summary>Records the fresh thresholds and queues the mails in one SaveChanges (one transaction); returns the mails.</summary>
    private async Task<int> AlertAsync(int workspaceId, BudgetAlertFigures budget, List<int> fresh, List<int> recorded, CancellationToken ct)
    {
        var highest = fresh.Max();
        // A threshold below one already mailed this period (thresholds edited mid-period) is recorded silently.
        var mail = recorded.Count == 0 || highest > recorded.Max();
        var recipients = mail ? await RecipientsAsync(workspaceId, budget, ct) : [];
        if (recipients.Count > 0)
        {
            var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstAsync(ct);
            var info = await WorkspaceInfo.LoadAsync(db, workspaceId, ct);
            var template = budget.Spent > budget.Amount ? MailTemplates.BudgetExceeded : MailTemplates.BudgetThreshold;
            foreach (var recipient in recipients)
            {
                var culture = MailTemplates.Culture(recipient.Locale);
                outbox.Enqueue(db, template, recipient.Locale, recipient.Name, recipient.Email, new Dictionary<string, string>
                {
                    ["name"] = recipient.Name,
                    ["budget"] = budget.Name,
                    ["workspace"] = workspace,
                    ["threshold"] = highest.ToString(culture),
                    ["percent"] = MoneyFormat.DisplayPercent(budget.SpentPercentage, culture),
                    ["spent"] = MoneyFormat.Display(budget.Spent, info.BaseMinorUnits, info.BaseCurrencyCode, culture),
                    ["amount"] = MoneyFormat.Display(budget.Amount, info.BaseMinorUnits, info.BaseCurrencyCode, culture),
                    ["period_start"] = MailTemplates.Day(budget.PeriodStart, culture),
                    ["period_end"] = MailTemplates.Day(budget.PeriodEnd, culture),
                });
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var threshold in fresh)
        {
            db.BudgetAlerts.Add(new BudgetAlert
            {
                BudgetId = budget.BudgetId, WorkspaceId = workspaceId, PeriodStart = budget.PeriodStart, Threshold = threshold,
                SpentPercentage = budget.SpentPercentage, Mails = threshold == highest ? recipients.Count : 0, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return recipients.Count;
    }

    /// <summary>The budget's addresses that belong to current members of the workspace (never anybody else).</summary>
    private async Task<List<Recipient>> RecipientsAsync(int workspaceId, BudgetAlertFigures budget, CancellationToken ct)
    {
        if (budget.Recipients.Count == 0)
        {
            return [];
        }
        var members = await db.WorkspaceMembers.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new Recipient(m.User!.Email ?? "", m.User.Name, m.User.Locale)).ToListAsync(ct);
        var wanted = budget.Recipients.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return members.Where(m => m.Email.Length > 0 && wanted.Contains(m.Email))
            .DistinctBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private sealed record Recipient(string Email, string Name, string Locale);
}
