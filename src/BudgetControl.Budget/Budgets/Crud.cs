using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using BudgetRow = BudgetControl.Data.Entities.Budget;

namespace BudgetControl.Budget.Budgets;

/// <summary>Finds a live budget by uuid inside the caller's workspace only; anything else is "not found".</summary>
internal static class BudgetLookup
{
    public static Task<BudgetRow?> FindAsync(BudgetDbContext db, WorkspaceScope scope, string uuid, CancellationToken ct) =>
        db.Budgets.FindInWorkspaceAsync(scope, uuid, ct);

    public static ProblemHttpResult NotFound() => Problems.NotFound("The budget");
}

/// <summary><c>GET /api/budgets</c>: the workspace's live budgets, by name (200 with <c>[]</c> when none).</summary>
internal static class ListBudgets
{
    public static async Task<Ok<List<BudgetResponse>>> Handle(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == scope.WorkspaceId).OrderBy(b => b.Name).ThenBy(b => b.Id).ToListAsync(ct);
        return TypedResults.Ok(budgets.Select(b => b.ToResponse(info)).ToList());
    }
}

/// <summary><c>GET /api/budget/{uuid}</c>.</summary>
internal static class GetBudget
{
    public static async Task<Results<Ok<BudgetResponse>, ProblemHttpResult>> Handle(string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var budget = await BudgetLookup.FindAsync(db, scope, uuid, ct);
        if (budget is null)
        {
            return BudgetLookup.NotFound();
        }
        Concurrency.SetETag(http, budget.Version);
        return TypedResults.Ok(budget.ToResponse(await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct)));
    }
}

/// <summary><c>POST /api/budget/create</c>: 201 with the budget.</summary>
internal static class CreateBudget
{
    public static async Task<Results<Created<BudgetResponse>, ValidationProblem>> Handle(
        BudgetRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        request ??= new BudgetRequest(null, null, null, null, null, null, null, null);
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var fields = await BudgetInput.ReadAsync(request, scope, info, db, validation, ct);
        if (fields is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var budget = new BudgetRow { WorkspaceId = scope.WorkspaceId };
        Apply(budget, fields);
        db.Budgets.Add(budget);
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, budget.Version);
        return TypedResults.Created($"/api/budget/{budget.Uuid}", budget.ToResponse(info));
    }

    public static void Apply(BudgetRow budget, BudgetFields fields)
    {
        budget.Name = fields.Name;
        budget.Description = fields.Description;
        budget.Amount = fields.Amount;
        budget.Configuration = fields.Configuration.Write();
        budget.Notification = fields.Notification;
        budget.Emails = fields.Emails.Count == 0 ? null : string.Join(',', fields.Emails);
    }
}

/// <summary>
/// <c>PUT /api/budget/update/{uuid}</c>: replaces the budget's fields (the form sends them all), only in the
/// caller's workspace. <c>If-Match</c> or <c>version</c> makes it conditional: a stale one is a 409.
/// </summary>
internal static class UpdateBudget
{
    public static async Task<Results<Ok<BudgetResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, BudgetRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var budget = await BudgetLookup.FindAsync(db, scope, uuid, ct);
        if (budget is null)
        {
            return BudgetLookup.NotFound();
        }
        request ??= new BudgetRequest(null, null, null, null, null, null, null, null);
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var expected = Concurrency.Expected(http, request.Version, validation, "budget");
        var fields = await BudgetInput.ReadAsync(request, scope, info, db, validation, ct);
        if (fields is null || !validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, budget))
        {
            return Concurrency.Stale("budget");
        }
        CreateBudget.Apply(budget, fields);
        if (!await Concurrency.TrySaveAsync(db, ct))
        {
            return Concurrency.Stale("budget");
        }
        Concurrency.SetETag(http, budget.Version);
        return TypedResults.Ok(budget.ToResponse(info));
    }
}

/// <summary><c>DELETE /api/budget/{uuid}</c>: soft delete; 204, or 404 when it is not the workspace's.</summary>
internal static class DeleteBudget
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var budget = await BudgetLookup.FindAsync(db, scope, uuid, ct);
        if (budget is null)
        {
            return BudgetLookup.NotFound();
        }
        if (Concurrency.Check(http, null, budget, "budget") is { } failed)
        {
            return failed;
        }
        budget.DeletedAt = clock.GetUtcNow().UtcDateTime;
        return await Concurrency.TrySaveAsync(db, ct) ? TypedResults.NoContent() : Concurrency.Stale("budget");
    }
}
