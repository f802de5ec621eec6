using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Entries.Entries;

/// <summary>Fills a template or plan from its request: null when accepted, else the 400 or 404 to answer.</summary>
internal delegate Task<ProblemHttpResult?> ApplyRequest<TRow>(TRow row, EntryResolver resolver, WorkspaceInfo info);

/// <summary>
/// The writes templates (models) and plans share, which move no money: one transaction in which the
/// request is resolved and applied (each kind's own <see cref="ApplyRequest{TRow}"/>), then saved; answers
/// carry the row's version as ETag. Rows are found in the caller's workspace only.
/// </summary>
internal static class TemplateWrites
{
    public static async Task<Results<Created<TResponse>, ProblemHttpResult>> CreateAsync<TRow, TResponse>(
        EntryContext context, TRow row, ApplyRequest<TRow> apply, Func<TRow, WorkspaceInfo, Task<TResponse>> respond, string path)
        where TRow : class, IPublicRow, IVersioned, IWorkspaceOwned
    {
        var (scope, db, clock, http, ct) = context;
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        row.WorkspaceId = scope.WorkspaceId;
        if (await apply(row, new EntryResolver(db, scope, info, clock), info) is { } problem)
        {
            return problem;
        }
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var response = await respond(row, info);
        Concurrency.SetETag(http, row.Version);
        return TypedResults.Created($"{path}/{row.Uuid}", response);
    }

    /// <summary>Updates the row with the request; <c>If-Match</c> or <c>version</c>, when sent, must be current (409 otherwise).</summary>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync<TRow, TResponse>(
        EntryContext context, IQueryable<TRow> rows, string uuid, int? bodyVersion, string what, ApplyRequest<TRow> apply, Func<TRow, WorkspaceInfo, Task<TResponse>> respond)
        where TRow : class, IPublicRow, IVersioned, IWorkspaceOwned
    {
        var (scope, db, clock, http, ct) = context;
        if (!Concurrency.TryExpectedVersion(http, bodyVersion, out var expected))
        {
            return Concurrency.BadIfMatch(what);
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await rows.FindInWorkspaceAsync(scope, uuid, ct);
        if (row is null)
        {
            return Problems.NotFound($"The {what}");
        }
        Concurrency.ExpectOnSave(db, row, expected);
        if (await apply(row, new EntryResolver(db, scope, info, clock), info) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var response = await respond(row, info);
        Concurrency.SetETag(http, row.Version);
        return TypedResults.Ok(response);
    }

    /// <summary>Soft-deletes the row; 204 without a body.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TRow>(EntryContext context, IQueryable<TRow> rows, string uuid, string what)
        where TRow : class, IPublicRow, IWorkspaceOwned, ISoftDeletable
    {
        var (scope, db, clock, _, ct) = context;
        var row = await rows.FindInWorkspaceAsync(scope, uuid, ct);
        if (row is null)
        {
            return Problems.NotFound($"The {what}");
        }
        row.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
