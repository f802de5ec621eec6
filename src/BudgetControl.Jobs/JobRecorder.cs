using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Jobs;

/// <summary>Records what a job could not do, for the workspace owner's job history, the logs and the metrics.</summary>
internal sealed class JobRecorder(BudgetDbContext db, TimeProvider clock, JobMetrics metrics, ILogger<JobRecorder> logger)
{
    public async Task FailedAsync(string job, int workspaceId, Guid subject, string message, CancellationToken ct)
    {
        logger.LogWarning("Job {Job} failed for {Subject} of workspace {WorkspaceId}: {Message}", job, subject, workspaceId, message);
        metrics.Failures.Add(1, new KeyValuePair<string, object?>("job", job));
        // The failed write may have left rows in the context; the failure is recorded on its own.
        db.ChangeTracker.Clear();
        message = message.Length > 2000 ? message[..2000] : message;
        var now = clock.GetUtcNow().UtcDateTime;
        // A failure repeated on every run (a missing exchange rate) is one row whose time moves, not a row a minute.
        var latest = await db.JobFailures.Where(f => f.WorkspaceId == workspaceId && f.Job == job && f.Subject == subject)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Message == message)
        {
            latest.FailedAt = now;
        }
        else
        {
            db.JobFailures.Add(new JobFailure { WorkspaceId = workspaceId, Job = job, Subject = subject, Message = message, FailedAt = now });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
