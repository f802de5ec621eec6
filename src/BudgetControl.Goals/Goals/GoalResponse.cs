using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// A goal as the API shows it. <c>amount</c> (the target) and <c>balance</c> are exact decimals of
/// <c>currency</c>, the workspace base currency the goal was set in; <c>progress</c> is balance/amount
/// as a percentage (2 decimals, not capped) and <c>remaining</c> what is still missing (never negative).
/// </summary>
internal sealed record GoalResponse(
    Guid Uuid,
    string Name,
    decimal Amount,
    decimal Balance,
    string Currency,
    string? Description,
    DateOnly? DueDate,
    string Status,
    string? CategoryIcon,
    decimal Progress,
    decimal Remaining,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>The ISO code and minor units of a currency, enough to show amounts in it.</summary>
internal sealed record GoalCurrency(string Code, int MinorUnits)
{
    /// <summary>The currencies of <paramref name="goals"/>, by id (normally just the base currency).</summary>
    public static Dictionary<int, GoalCurrency> Of(IEnumerable<Goal> goals) =>
        goals.Select(g => g.CurrencyId).Distinct()
            .Select(id => ReferenceData.CurrencyById(id)!)
            .ToDictionary(c => c.Id, c => new GoalCurrency(c.Label, c.MinorUnits));
}

internal static class GoalMapping
{
    public static GoalResponse ToResponse(this Goal goal, GoalCurrency currency)
    {
        // Both figures are minor units of the same currency, so the ratio needs no conversion.
        var progress = goal.Amount == 0
            ? 0m
            : decimal.Round((decimal)goal.Balance * 100m / goal.Amount, 2, MidpointRounding.AwayFromZero);
        return new GoalResponse(
            goal.Uuid,
            goal.Name,
            MoneyFormat.ToDecimal(goal.Amount, currency.MinorUnits),
            MoneyFormat.ToDecimal(goal.Balance, currency.MinorUnits),
            currency.Code,
            goal.Description,
            goal.DueDate,
            goal.Status.Name(),
            goal.CategoryIcon,
            progress + 0.00m, // always two decimals: 50.00, not 50
            MoneyFormat.ToDecimal(Math.Max(goal.Amount - goal.Balance, 0), currency.MinorUnits),
            goal.Version,
            goal.CreatedAt,
            goal.UpdatedAt,
            goal.DeletedAt);
    }

    public static GoalResponse ToResponse(this Goal goal) => goal.ToResponse(GoalCurrency.Of([goal])[goal.CurrencyId]);
}
