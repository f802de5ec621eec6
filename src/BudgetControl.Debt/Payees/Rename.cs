using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// <c>PUT /api/payees/{uuid}</c>: renames a payee (the only field a client sets). Another live payee with
/// the name is a 409; so is a stale <c>If-Match</c>/<c>version</c>.
/// </summary>
internal static class RenamePayee
{
    public static async Task<Results<Ok<PayeeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, PayeeRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation().Required("name", request?.Name, PayeeLookup.NameMaxLength);
        if (!Concurrency.TryExpectedVersion(http, request?.Version, out var expected))
        {
            validation.Add("If-Match", "must be the payee's version, e.g. \"3\".");
        }
        if (!validation.IsValid)
        {
            return await PayeeLookup.FindAsync(db, scope, uuid, ct) is null
                ? PayeeLookup.NotFound()
                : TypedResults.ValidationProblem(validation.Errors);
        }
        var name = request!.Name!.Trim();

        return await Serializable.RunAsync<Results<Ok<PayeeResponse>, ValidationProblem, ProblemHttpResult>>(db, async () =>
        {
            var payee = await PayeeLookup.FindAsync(db, scope, uuid, ct);
            if (payee is null)
            {
                return PayeeLookup.NotFound();
            }
            if (expected is { } version && version != payee.Version)
            {
                return Problems.Conflict("The payee was changed by someone else; reload it and try again.");
            }
            if (await PayeeLookup.NameTakenAsync(db, scope, name, payee.Id, ct))
            {
                return PayeeLookup.NameConflict(name);
            }
            payee.Name = name;
            // Only the name is written (the version guards it); the balance the ledger moves is never overwritten.
            await db.SaveChangesAsync(ct);
            var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
            Concurrency.SetETag(http, payee.Version);
            return TypedResults.Ok(payee.ToResponse(workspace));
        }, ct);
    }
}
