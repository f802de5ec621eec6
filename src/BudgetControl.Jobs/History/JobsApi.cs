using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace BudgetControl.Jobs.History;

internal static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireWorkspace().WithTransientRetry();
        jobs.MapGet("/history", JobHistory.Handle);
    }
}

/// <summary>
/// <c>GET /api/jobs/history</c>: for the workspace's owner, each job's last and next run (the scheduler's),
/// each plan's last and next occurrence, the latest budget alerts, and the latest failures of the workspace's
/// plans, cards and budgets.
/// </summary>
internal static class JobHistory
{
    public static async Task<Results<Ok<JobHistoryResponse>, ProblemHttpResult>> Handle(
        WorkspaceScope scope, BudgetDbContext db, ISchedulerFactory schedulers, CancellationToken ct)
    {
        if (scope.Role != WorkspaceRole.Owner)
        {
            return Problems.Forbidden("Only the workspace's owner sees its job history.");
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var scheduler = await schedulers.GetScheduler(ct);
        var jobs = new List<JobState>();
        foreach (var name in JobsModule.JobNames)
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey(name, JobsModule.Group), ct);
            jobs.Add(new JobState(name,
                trigger?.PreviousFireTimeUtc is { } last ? info.Format(last.UtcDateTime) : null,
                trigger?.NextFireTimeUtc is { } next ? info.Format(next.UtcDateTime) : null));
        }
        var plans = await db.PlannedEntries.AsNoTracking().Where(p => p.WorkspaceId == scope.WorkspaceId)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Uuid,
                p.DateTime,
                p.EndDateTime,
                p.Planning,
                Last = db.PlannedOccurrences.Where(o => o.PlannedEntryId == p.Id).Max(o => (DateOnly?)o.OccurrenceDate),
            })
            .ToListAsync(ct);
        var planStates = plans.Select(p =>
        {
            var next = Recurring.Occurrences.Due(p.DateTime, p.Planning, p.EndDateTime, info.TimeZone, p.Last, DateTime.MaxValue, 1).FirstOrDefault();
            return new PlanState(p.Uuid, p.Last?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                next == default ? null : info.Format(next.Utc));
        }).ToList();
        var failures = await db.JobFailures.AsNoTracking().Where(f => f.WorkspaceId == scope.WorkspaceId)
            .OrderByDescending(f => f.FailedAt).ThenByDescending(f => f.Id).Take(50)
            .Select(f => new { f.Job, f.Subject, f.Message, f.FailedAt })
            .ToListAsync(ct);
        var alerts = await db.BudgetAlerts.AsNoTracking().Where(a => a.WorkspaceId == scope.WorkspaceId)
            .Join(db.Budgets, a => a.BudgetId, b => b.Id, (a, b) => new { a.Id, b.Uuid, a.PeriodStart, a.Threshold, a.SpentPercentage, a.Mails, a.CreatedAt })
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(50)
            .ToListAsync(ct);
        return TypedResults.Ok(new JobHistoryResponse(jobs, planStates,
            alerts.Select(a => new BudgetAlertState(a.Uuid, a.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                a.Threshold, a.SpentPercentage, a.Mails, info.Format(a.CreatedAt))).ToList(),
            failures.Select(f => new JobFailureResponse(f.Job, f.Subject, f.Message, info.Format(f.FailedAt))).ToList()));
    }
}

internal sealed record JobHistoryResponse(IReadOnlyList<JobState> Jobs, IReadOnlyList<PlanState> Plans, IReadOnlyList<BudgetAlertState> BudgetAlerts, IReadOnlyList<JobFailureResponse> Failures);

/// <summary>A threshold of a budget reached in a period, and how many mails it queued (0 for lower thresholds crossed at once).</summary>
internal sealed record BudgetAlertState(Guid Budget, string PeriodStart, int Threshold, decimal SpentPercentage, int Mails, string At);

internal sealed record JobState(string Name, string? LastRun, string? NextRun);

internal sealed record PlanState(Guid Uuid, string? LastOccurrence, string? NextOccurrence);

internal sealed record JobFailureResponse(string Job, Guid Subject, string Message, string FailedAt);
