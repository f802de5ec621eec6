namespace BudgetControl.Hosting.Jobs;

/// <summary>
/// What the jobs worker's budget alerts ask of the budget module (which owns budgets and computes their
/// status): the current figures of the budgets that notify, from the same computation as
/// <c>/api/budgets/stats</c>. Registered by <c>AddBudgetModule</c> (and <c>AddBudgetAlertFigures</c> for a
/// process that maps no budget endpoints).
/// </summary>
public interface IBudgetAlertFigures
{
    /// <summary>The workspaces that have at least one live budget with notifications on.</summary>
    Task<IReadOnlyList<int>> WorkspacesAsync(CancellationToken ct);

    /// <summary>The figures of the live budgets of <paramref name="workspaceId"/> with notifications on, in their current period.</summary>
    Task<IReadOnlyList<BudgetAlertFigures>> FiguresAsync(int workspaceId, CancellationToken ct);
}

/// <summary>
/// One budget in its current period: <paramref name="Spent"/> is what was spent (positive, minor units of the
/// workspace currency; negative when incomes outweigh), <paramref name="SpentPercentage"/> the budget's
/// <c>spent_percentage</c>, <paramref name="Recipients"/> the addresses the budget names (not yet checked
/// against the members: the caller does that at send time).
/// </summary>
public sealed record BudgetAlertFigures(
    int BudgetId,
    Guid BudgetUuid,
    string Name,
    long Amount,
    long Spent,
    decimal SpentPercentage,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<int> Thresholds,
    IReadOnlyList<string> Recipients);
