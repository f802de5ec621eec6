using System.Diagnostics;
using BudgetControl.Jobs.Activation;
using BudgetControl.Jobs.Budgets;
using BudgetControl.Jobs.Cards;
using BudgetControl.Jobs.Mail;
using BudgetControl.Jobs.Recurring;
using BudgetControl.Jobs.Sessions;
using Microsoft.Extensions.Logging;
using Quartz;

namespace BudgetControl.Jobs;

/// <summary>
/// Runs one unit of work for Quartz with the same logs and metrics for every job. Quartz creates the job
/// in a DI scope of its own; <c>DisallowConcurrentExecution</c> keeps one run per job key across the cluster.
/// </summary>
internal static class JobRun
{
    public static async Task RunAsync(string job, JobMetrics metrics, ILogger logger, Func<Task<int>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var tag = new KeyValuePair<string, object?>("job", job);
        try
        {
            var items = await work();
            metrics.Items.Add(items, tag);
            metrics.Runs.Add(1, tag, new KeyValuePair<string, object?>("outcome", "ok"));
            if (items > 0 && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Job {Job} wrote {Items} row(s)", job, items);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.Runs.Add(1, tag, new KeyValuePair<string, object?>("outcome", "error"));
            logger.LogError(ex, "Job {Job} failed", job);
            // Quartz records the failure in its execution history; the next run retries.
            throw new JobExecutionException(ex);
        }
        finally
        {
            metrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        }
    }
}

[DisallowConcurrentExecution]
internal sealed class RecurringEntriesJob(RecurringEntries work, JobMetrics metrics, ILogger<RecurringEntriesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await
        JobRun.RunAsync(RecurringEntries.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}

[DisallowConcurrentExecution]
internal sealed class PlannedActivationJob(PlannedActivation work, JobMetrics metrics, ILogger<PlannedActivationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await
        JobRun.RunAsync(PlannedActivation.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}

[DisallowConcurrentExecution]
internal sealed class CardSettlementsJob(CardSettlements work, JobMetrics metrics, ILogger<CardSettlementsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await
        JobRun.RunAsync(CardSettlements.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}

[DisallowConcurrentExecution]
internal sealed class BudgetAlertsJob(BudgetAlerts work, JobMetrics metrics, ILogger<BudgetAlertsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await JobRun.RunAsync(BudgetAlerts.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}

[DisallowConcurrentExecution]
internal sealed class MailDispatchJob(MailDispatcher work, JobMetrics metrics, ILogger<MailDispatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await JobRun.RunAsync(MailDispatcher.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}

[DisallowConcurrentExecution]
internal sealed class SessionPruningJob(SessionPruning work, JobMetrics metrics, ILogger<SessionPruningJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await JobRun.RunAsync(SessionPruning.Name, metrics, logger, () => work.RunAsync(cancellationToken));
}
