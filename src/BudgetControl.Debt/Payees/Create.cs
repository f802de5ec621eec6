using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>POST /api/payees</c>: a payee with a zero balance (the original created them only through debit
/// entries). A live payee of the same name, ignoring case, is a 409: the unique index on the normalized
/// name decides, so of two concurrent creates one wins and the other gets the 409.
/// </summary>
internal static class CreatePayee
{
    public static async Task<Results<Created<PayeeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        PayeeRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var name = PayeeBook.CheckName(request?.Name, "name", validation);
        if (name is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var payee = await PayeeBook.CreateAsync(db, scope.WorkspaceId, name, ct);
        if (payee is null)
        {
            return PayeeAnswers.NameConflict(name);
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, payee.Version);
        return TypedResults.Created($"/api/payees/{payee.Uuid}", payee.ToResponse(workspace));
    }
}

/// <summary>Create and rename take only the name; <c>version</c> is the alternative to <c>If-Match</c> on rename.</summary>
internal sealed record PayeeRequest(string? Name, int? Version);
