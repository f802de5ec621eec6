using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>PUT /api/payees/{uuid}</c>: renames a payee (the only field a client sets). Another live payee with
/// the name is a 409 (the unique index decides); so is a stale <c>If-Match</c>/<c>version</c>.
/// </summary>
internal static class RenamePayee
{
    public static async Task<Results<Ok<PayeeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, PayeeRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var payee = await db.Payees.FindInWorkspaceAsync(scope, uuid, ct);
        if (payee is null)
        {
            return PayeeAnswers.NotFound();
        }
        var validation = new Validation();
        var name = PayeeBook.CheckName(request?.Name, "name", validation);
        var expected = Concurrency.Expected(http, request?.Version, validation, PayeeAnswers.What);
        if (name is null || !validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, payee))
        {
            return Concurrency.Stale(PayeeAnswers.What);
        }
        payee.Name = name;
        try
        {
            // Only the name is written (the version guards it); the balance the ledger moves is never overwritten.
            if (!await UniqueNames.TrySaveAsync(db, ct))
            {
                return PayeeAnswers.NameConflict(name);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Concurrency.Stale(PayeeAnswers.What);
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, payee.Version);
        return TypedResults.Ok(payee.ToResponse(workspace));
    }
}
