using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary><c>GET /api/payees/{uuid}</c>: one payee with its balance, and its version as ETag.</summary>
internal static class GetPayee
{
    public static async Task<Results<Ok<PayeeResponse>, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var payee = await db.Payees.FindInWorkspaceAsync(scope, uuid, ct);
        if (payee is null)
        {
            return PayeeAnswers.NotFound();
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, payee.Version);
        return TypedResults.Ok(payee.ToResponse(workspace));
    }
}
