using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Payees;

/// <summary><c>GET /api/payees</c>: the workspace's payees with balances, by name unless <c>order[name|balance|created_at]</c> says otherwise.</summary>
internal static class ListPayees
{
    private static readonly string[] OrderKeys = ["name", "balance", "created_at"];

    public static async Task<Results<Ok<List<PayeeResponse>>, ValidationProblem>> Handle(
        HttpRequest request, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var order = ListQuery.Order(request.Query, OrderKeys, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var query = db.Payees.AsNoTracking().Where(p => p.WorkspaceId == scope.WorkspaceId);
        IOrderedQueryable<Payee>? ordered = null;
        foreach (var (key, descending) in order)
        {
            ordered = key switch
            {
                // Case-insensitive, so that both databases sort names alike.
                "name" => query.SortBy(ordered, p => p.Name.ToLower(), descending),
                "balance" => query.SortBy(ordered, p => p.Balance, descending),
                _ => query.SortBy(ordered, p => p.CreatedAt, descending),
            };
        }
        ordered ??= query.OrderBy(p => p.Name.ToLower());
        var payees = await ordered.ThenBy(p => p.Id).ToListAsync(ct);

        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        return TypedResults.Ok(payees.Select(p => p.ToResponse(workspace)).ToList());
    }
}
