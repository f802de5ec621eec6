using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// A payee as the API shows it. <c>balance</c> is an exact decimal of <c>currency</c> (the workspace base
/// currency): negative means the payee owes you, positive that you owe the payee.
/// </summary>
internal sealed record PayeeResponse(
    Guid Uuid, string Name, decimal Balance, string Currency, int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal static class PayeeMapping
{
    public static PayeeResponse ToResponse(this Payee payee, WorkspaceInfo workspace) =>
        new(payee.Uuid, payee.Name, MoneyFormat.ToDecimal(payee.Balance, workspace.BaseMinorUnits), workspace.BaseCurrencyCode,
            payee.Version, payee.CreatedAt, payee.UpdatedAt, payee.DeletedAt);
}

/// <summary>The answers every payee handler shares.</summary>
internal static class PayeeAnswers
{
    public const string What = "payee";

    public static ProblemHttpResult NotFound() => Problems.NotFound("The payee");

    public static ProblemHttpResult NameConflict(string name) => Problems.Conflict($"A payee named '{name}' already exists in this workspace.");
}
