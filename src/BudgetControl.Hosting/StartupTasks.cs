namespace BudgetControl.Hosting;

/// <summary>Work a module needs done once the database is migrated (e.g. registering its OAuth client).</summary>
public interface IStartupTask
{
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class StartupTasks
{
    public static async Task RunAllAsync(this IEnumerable<IStartupTask> tasks, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        foreach (var task in tasks)
        {
            await task.RunAsync(services, cancellationToken);
        }
    }
}
