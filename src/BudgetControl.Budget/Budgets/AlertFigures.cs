using BudgetControl.Data;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Jobs;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Budget.Budgets;

/// <summary>
/// The budget module's side of the budget alerts (<see cref="IBudgetAlertFigures"/>): the figures of
/// <see cref="BudgetFigures"/>, the computation behind <c>/api/budgets/stats</c>, so an alert and the budget
/// page never disagree.
/// </summary>
internal sealed class AlertFigures(BudgetDbContext db, TimeProvider clock) : IBudgetAlertFigures
{
    public async Task<IReadOnlyList<int>> WorkspacesAsync(CancellationToken ct) =>
        await db.Budgets.AsNoTracking().Where(b => b.Notification && db.Workspaces.Any(w => w.Id == b.WorkspaceId))
            .Select(b => b.WorkspaceId).Distinct().OrderBy(id => id).ToListAsync(ct);

    public async Task<IReadOnlyList<BudgetAlertFigures>> FiguresAsync(int workspaceId, CancellationToken ct)
    {
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == workspaceId && b.Notification).OrderBy(b => b.Id).ToListAsync(ct);
        if (budgets.Count == 0)
        {
            return [];
        }
        var info = await WorkspaceInfo.LoadAsync(db, workspaceId, ct);
        var stats = await new BudgetFigures(db, info, clock).StatsAsync(budgets, ct);
        return budgets.Zip(stats, (budget, s) =>
        {
            // TotalSpent is an exact decimal of the workspace currency, negative for spending.
            MoneyFormat.TryToMinor(-s.TotalSpent, info.BaseMinorUnits, out var spent);
            return new BudgetAlertFigures(budget.Id, budget.Uuid, budget.Name, budget.Amount, spent, s.SpentPercentage,
                s.Period.Start, s.Period.End, s.Budget.Thresholds, s.Budget.Emails);
        }).ToList();
    }
}
