using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>DELETE /api/debt/{uuid}</c> (the original path): soft-deletes a payee whose debts are settled. While
/// the balance is not zero it answers 409: the original deleted anyway and the debt vanished from view.
/// Its entries stay. An <c>If-Match</c> version is honoured.
/// </summary>
internal static class DeletePayee
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var payee = await PayeeLookup.FindAsync(db, scope, uuid, ct);
        if (payee is null)
        {
            return PayeeLookup.NotFound();
        }
        if (!Concurrency.TryExpectedVersion(http, null, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the payee's version, e.g. \"3\".");
        }
        if (expected is { } version && version != payee.Version)
        {
            return Problems.Conflict("The payee was changed by someone else; reload it and try again.");
        }
        if (payee.Balance != 0)
        {
            var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
            var balance = MoneyFormat.ToDecimal(payee.Balance, workspace.BaseMinorUnits);
            return Problems.Conflict($"The payee still has a balance of {balance.ToString(System.Globalization.CultureInfo.InvariantCulture)} {workspace.BaseCurrencyCode}; settle it before deleting the payee.");
        }
        payee.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        // The version token turns a debit recorded meanwhile into a 409 instead of deleting a payee with debt.
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
