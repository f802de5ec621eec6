using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>POST /api/payees</c>: a payee with a zero balance (the original created them only through debit
/// entries). A live payee of the same name, ignoring case, is a 409.
/// </summary>
internal static class CreatePayee
{
    public static async Task<Results<Created<PayeeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        PayeeRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation().Required("name", request?.Name, PayeeLookup.NameMaxLength);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var name = request!.Name!.Trim();
        var payee = await Serializable.RunAsync(db, async () =>
        {
            if (await PayeeLookup.NameTakenAsync(db, scope, name, null, ct))
            {
                return null;
            }
            var created = new Payee { WorkspaceId = scope.WorkspaceId, Name = name };
            db.Payees.Add(created);
            await db.SaveChangesAsync(ct);
            return created;
        }, ct);
        if (payee is null)
        {
            return PayeeLookup.NameConflict(name);
        }
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, payee.Version);
        return TypedResults.Created($"/api/payees/{payee.Uuid}", payee.ToResponse(workspace));
    }
}

/// <summary>Create and rename take only the name; <c>version</c> is the alternative to <c>If-Match</c> on rename.</summary>
internal sealed record PayeeRequest(string? Name, int? Version);
