using BudgetControl.Data;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Jobs;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Jobs.Recurring;

/// <summary>
/// Materialises every due occurrence of every plan (original-core §10.4, done right): from the plan's
/// start, interval and end, in the workspace's time zone, each occurrence once (unique plan and date),
/// catching up after downtime. A plan stops at its first failing occurrence so none is skipped.
/// </summary>
internal sealed class RecurringEntries(BudgetDbContext db, IScheduledEntries entries, JobRecorder recorder, TimeProvider clock)
{
    public const string Name = "recurring-entries";

    /// <summary>At most this many occurrences of one plan per run (a daily plan started years ago catches up over a few runs).</summary>
    private const int MaxPerPlan = 400;

    /// <summary>Runs once; returns how many entries were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var plans = await db.PlannedEntries.AsNoTracking()
            // Plans of deleted workspaces stay as they are (the workspace can be restored).
            .Where(p => p.DateTime <= now && db.Workspaces.Any(w => w.Id == p.WorkspaceId))
            .Select(p => new
            {
                p.Id,
                p.Uuid,
                p.WorkspaceId,
                p.DateTime,
                p.EndDateTime,
                p.Planning,
                Last = db.PlannedOccurrences.Where(o => o.PlannedEntryId == p.Id).Max(o => (DateOnly?)o.OccurrenceDate),
            })
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var written = 0;
        foreach (var plan in plans)
        {
            var zone = (await WorkspaceInfo.LoadAsync(db, plan.WorkspaceId, ct)).TimeZone;
            foreach (var (date, utc) in Occurrences.Due(plan.DateTime, plan.Planning, plan.EndDateTime, zone, plan.Last, now, MaxPerPlan).ToList())
            {
                ScheduledOutcome outcome;
                try
                {
                    outcome = await entries.MaterialiseAsync(plan.Id, date, utc, ct);
                }
                catch (Exception ex) when (TransientRetry.IsTransient(ex))
                {
                    break; // the database aborted the write (deadlock, busy file): the next run tries again
                }
                catch (DbUpdateException ex)
                {
                    outcome = ScheduledOutcome.Failed(ex.InnerException?.Message ?? ex.Message);
                }
                if (outcome.Result == ScheduledResult.Failed)
                {
                    await recorder.FailedAsync(Name, plan.WorkspaceId, plan.Uuid, $"{date:yyyy-MM-dd}: {outcome.Error}", ct);
                    break;
                }
                if (outcome.Result == ScheduledResult.Done)
                {
                    written++;
                }
            }
        }
        return written;
    }
}
