using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>DELETE /api/debt/{uuid}</c> (the original path): soft-deletes a payee whose debts are settled. While
/// the balance is not zero it answers 409: the original deleted anyway and the debt vanished from view.
/// Its entries stay. An <c>If-Match</c> version is honoured.
/// </summary>
internal static class DeletePayee
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var payee = await db.Payees.FindInWorkspaceAsync(scope, uuid, ct);
        if (payee is null)
        {
            return PayeeAnswers.NotFound();
        }
        if (Concurrency.Check(http, null, payee, PayeeAnswers.What) is { } failed)
        {
            return failed;
        }
        if (payee.Balance != 0)
        {
            return await OpenBalanceAsync(db, scope, payee.Balance, ct);
        }

        // The ledger moves balances with atomic increments that leave the version alone, so the zero balance
        // is re-checked in the same statement that deletes: a debit recorded meanwhile wins.
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var deleted = await db.Payees
            .Where(p => p.Id == payee.Id && p.Version == payee.Version && p.Balance == 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.DeletedAt, now)
                .SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.Version, p => p.Version + 1), ct);
        if (deleted == 0)
        {
            var balance = await db.Payees.Where(p => p.Id == payee.Id).Select(p => (long?)p.Balance).FirstOrDefaultAsync(ct);
            return balance is { } open and not 0 ? await OpenBalanceAsync(db, scope, open, ct) : Concurrency.Stale(PayeeAnswers.What);
        }
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult> OpenBalanceAsync(BudgetDbContext db, WorkspaceScope scope, long balance, CancellationToken ct)
    {
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var amount = MoneyFormat.ToDecimal(balance, workspace.BaseMinorUnits).ToString(CultureInfo.InvariantCulture);
        return Problems.Conflict($"The payee still has a balance of {amount} {workspace.BaseCurrencyCode}; settle it before deleting the payee.");
    }
}
