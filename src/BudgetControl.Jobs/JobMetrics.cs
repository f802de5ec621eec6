using System.Diagnostics.Metrics;

namespace BudgetControl.Jobs;

/// <summary>Operator metrics of the jobs worker (OpenTelemetry meter <c>BudgetControl.Jobs</c>).</summary>
internal sealed class JobMetrics : IDisposable
{
    public const string MeterName = "BudgetControl.Jobs";

    private readonly Meter _meter = new(MeterName);

    public JobMetrics()
    {
        Runs = _meter.CreateCounter<long>("budgetcontrol.jobs.runs", description: "Job runs, by job and outcome.");
        Items = _meter.CreateCounter<long>("budgetcontrol.jobs.items", description: "Rows a job wrote (occurrences, activations, settlements, mails), by job.");
        Failures = _meter.CreateCounter<long>("budgetcontrol.jobs.failures", description: "Plans, cards or mails a job could not process, by job.");
        Duration = _meter.CreateHistogram<double>("budgetcontrol.jobs.duration", unit: "s", description: "Duration of job runs, by job.");
    }

    public Counter<long> Runs { get; }

    public Counter<long> Items { get; }

    public Counter<long> Failures { get; }

    public Histogram<double> Duration { get; }

    public void Dispose() => _meter.Dispose();
}
