using System.Runtime.CompilerServices;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Jobs.Activation;
using BudgetControl.Jobs.Budgets;
using BudgetControl.Jobs.Cards;
using BudgetControl.Jobs.History;
using BudgetControl.Jobs.Mail;
using BudgetControl.Jobs.Recurring;
using BudgetControl.Jobs.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace BudgetControl.Jobs;

/// <summary>
/// The jobs worker: recurring entries, activation of future-dated entries, credit-card settlement and budget alerts on
/// Quartz.NET with its ADO job store in the application's database (SQLite in the all-in-one server;
/// PostgreSQL with Quartz's clustered store in the split topology, so that two workers never run the same
/// job at once); plus <c>/api/jobs</c>, the job history of a workspace for its owner.
/// </summary>
public static class JobsModule
{
    /// <summary>The scheduler's name: every worker on one database joins the same cluster under it.</summary>
    public const string SchedulerName = "budgetcontrol";

    public static WebApplicationBuilder AddJobsModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton<JobMetrics>();
        services.AddScoped<JobRecorder>();
        services.AddScoped<RecurringEntries>();
        services.AddScoped<PlannedActivation>();
        services.AddScoped<CardSettlements>();
        services.AddScoped<MailDispatcher>();
        services.AddScoped<BudgetAlerts>();
        services.AddScoped<SessionPruning>();
        // Mail queued by a request of this process goes out at once; the scheduled run covers the rest.
        services.AddHostedService<MailKick>();
        if (ServiceDefaults.ExportsTelemetry(configuration))
        {
            ExportMetrics(services);
        }

        var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:IntervalSeconds", 60));
        // The application's database, as AddServiceDefaults registered it (the job store lives beside the data).
        var database = services.Select(d => d.ImplementationInstance).OfType<DatabaseOptions>().LastOrDefault()
            ?? throw new InvalidOperationException("Call AddServiceDefaults before AddJobsModule.");
        services.AddQuartz(q =>
        {
            // Each process is one instance of the cluster, with a generated id.
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:CheckinSeconds", 15));
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Jobs:CheckinSeconds", 15) * 2);
                    });
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);
                }
            });
            Every<RecurringEntriesJob>(q, RecurringEntries.Name, interval);
            Every<PlannedActivationJob>(q, PlannedActivation.Name, interval);
            Every<CardSettlementsJob>(q, CardSettlements.Name, interval * 60);
            Every<BudgetAlertsJob>(q, BudgetAlerts.Name, TimeSpan.FromSeconds(configuration.GetValue("Jobs:BudgetAlertSeconds", 300)));
            Every<MailDispatchJob>(q, MailDispatcher.Name, TimeSpan.FromSeconds(configuration.GetValue("Jobs:MailIntervalSeconds", 15)));
            Every<SessionPruningJob>(q, SessionPruning.Name, TimeSpan.FromSeconds(configuration.GetValue("Jobs:SessionPruneSeconds", 3600)));
        });
        if (configuration.GetValue("Jobs:Enabled", true))
        {
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = true;
                // Migrations (and so Quartz's tables) are applied before the host starts the scheduler.
                o.AwaitApplicationStarted = true;
                // Every job fires once at start (StartNow): a few seconds later, so that the scheduler's start and six jobs'
                // first runs do not compete with the first requests of a freshly started server (docs/performance.md).
                o.StartDelay = TimeSpan.FromSeconds(configuration.GetValue("Jobs:StartDelaySeconds", 5));
            });
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapJobsModule(this IEndpointRouteBuilder app)
    {
        app.MapJobsApi();
        return app;
    }

    /// <summary>The group of every job and trigger of BudgetControl.</summary>
    internal const string Group = "budgetcontrol";

    /// <summary>The jobs, by name (job and trigger keys).</summary>
    internal static readonly string[] JobNames = [RecurringEntries.Name, PlannedActivation.Name, CardSettlements.Name, BudgetAlerts.Name, MailDispatcher.Name];

    private static void Every<TJob>(IQuartzBuilder q, string name, TimeSpan interval)
        where TJob : class, IJob
    {
        var key = new JobKey(name, Group);
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably().WithDescription(name));
        q.AddTrigger(t => t.ForJob(key).WithIdentity(name, Group).StartNow()
            // A run missed while every worker was down is made up once at start, not once per missed interval.
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)));
    }

    // In a method of its own: OpenTelemetry's assemblies load only when the metrics are exported (ServiceDefaults.cs).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExportMetrics(IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(JobMetrics.MeterName));
}
