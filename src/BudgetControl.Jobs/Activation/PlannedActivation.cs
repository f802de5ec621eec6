using BudgetControl.Data;
using BudgetControl.Hosting.Jobs;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Jobs.Activation;

/// <summary>
/// Counts future-dated entries once their instant has passed (original-core §10.3). An entry dated by day
/// only is stored at midnight of the workspace's time zone, so it activates when that day begins there.
/// Unlike the original, an unconfirmed entry stops being planned but still does not count.
/// </summary>
internal sealed class PlannedActivation(BudgetDbContext db, IScheduledEntries entries, TimeProvider clock)
{
    public const string Name = "activate-planned";

    /// <summary>Runs once; returns how many entries were activated.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One probe per workspace into the partial index of planned entries, not a scan of all entries.
        var workspaces = await db.Workspaces.AsNoTracking()
            .Where(w => db.Entries.Any(e => e.WorkspaceId == w.Id && e.Planned && e.DateTime <= now))
            .Select(w => w.Id).ToListAsync(ct);
        var activated = 0;
        foreach (var workspace in workspaces)
        {
            int batch;
            do
            {
                batch = await entries.ActivateDueAsync(workspace, now, ct);
                activated += batch;
            }
            while (batch > 0);
        }
        return activated;
    }
}
