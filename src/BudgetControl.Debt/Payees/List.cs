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
        var query = new ListQuery(request.Query, new Validation());
        var order = query.Order(OrderKeys);
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }

        var payees = db.Payees.AsNoTracking().Where(p => p.WorkspaceId == scope.WorkspaceId);
        IOrderedQueryable<Payee>? ordered = null;
        foreach (var (key, descending) in order)
        {
            ordered = key switch
            {
                // The normalized name, so that both databases sort names alike, ignoring case.
                "name" => payees.SortBy(ordered, p => p.NormalizedName, descending),
                "balance" => payees.SortBy(ordered, p => p.Balance, descending),
                _ => payees.SortBy(ordered, p => p.CreatedAt, descending),
            };
        }
        ordered ??= payees.OrderBy(p => p.NormalizedName);
        var rows = await ordered.ThenBy(p => p.Id).ToListAsync(ct);

        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        return TypedResults.Ok(rows.Select(p => p.ToResponse(workspace)).ToList());
    }
}
