using BudgetControl.Data.Entities;
using BudgetControl.Entries.Ledger;
using BudgetControl.Entries.Transfers;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// <c>POST /api/entry/{type}</c>: a new expense, income, debit or saving. The request is resolved first
/// (<see cref="EntryResolver"/>: validation and look-ups only); then one transaction creates any new payee
/// or label, saves the entry and moves the balances it affects (<see cref="Ledger.Ledger"/>).
/// </summary>
internal static class CreateEntry
{
    public static async Task<Results<Created<EntryResponse>, ProblemHttpResult>> Handle(
        EntryRequest request, RouteType route, [AsParameters] EntryContext context)
    {
        var (scope, db, clock, http, ct) = context;
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var entry = new Entry();
        var resolver = new EntryResolver(db, scope, info, clock);
        var resolved = await resolver.ResolveAsync(request, route.Type!.Value, entry, ct);
        if (resolved is null)
        {
            return resolver.Failure!;
        }

        var ledger = new Ledger.Ledger(db);
        if (resolved.Payee?.NewName is null && (resolved.Labels is null || resolved.Labels.TrueForAll(l => l.Existing is not null)))
        {
            // Nothing to create first (the payee and labels exist): the insert, its label links and the ledger's changes
            // ride in one command (PostgreSQL: one round trip, one implicit transaction, with the other plain creates of its
            // wallet that wait for the wallet's turn with it: group commit, Ledger/GroupCommit.cs; SQLite: the only command
            // between BEGIN and COMMIT, with those of the other plain creates that wait for the file's turn with it, so the
            // one writer holds the file for the writes and the commit alone).
            await (resolved with { Labels = null }).ApplyAsync(entry, db, scope.WorkspaceId, ct);
            db.Entries.Add(entry);
            var (wallet, payee, goal) = (entry.Wallet, entry.Payee, entry.Goal);
            var insert = WithLabelLinks(db.DetachedInsert(entry), scope.WorkspaceId, resolved.Labels, db.Database.IsNpgsql());
            (entry.Wallet, entry.Payee, entry.Goal) = (wallet, payee, goal); // for the answer, whatever detaching did to the navigations
            // Linked after detaching, so the context tracks no link rows to save.
            await LabelChoice.ReplaceAsync(resolved.Labels, entry.Labels, db, scope.WorkspaceId, ct);
            ledger.Record(null, LedgerState.Of(entry));
            await ledger.InsertAndCommitAsync(insert, ct);
        }
        else
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await resolved.ApplyAsync(entry, db, scope.WorkspaceId, ct);
            db.Entries.Add(entry);
            await db.SaveInTransactionAsync(ct);
            ledger.Record(null, LedgerState.Of(entry));
            await ledger.CommitAsync(tx, ct);
        }

        // Written: the answer is built even if the client went away, for an Idempotency-Key to keep (a retry gets it).
        var response = await EntryResponse.FromWrittenAsync(db, entry, info, CancellationToken.None);
        Concurrency.SetETag(http, response.Version);
        return TypedResults.Created($"/api/entry/{entry.Uuid}", response);
    }

    /// <summary>
    /// The entry's <c>INSERT</c> followed by the links to <paramref name="labels"/> (found live in the workspace by the
    /// resolver), with the id the insert generated, and the rows the statements change when every label still lives. A label
    /// deleted since it was found links no row: on PostgreSQL the statement then divides by zero, so the whole command rolls
    /// back; SQLite has no such error, so its ledger counts the changed rows against <c>Rows</c> and rolls back. Either way
    /// the write answers 409, like the ledger's guards.
    /// </summary>
    private static (string Sql, object[] Values, int Rows) WithLabelLinks((string Sql, object[] Values) insert, int workspaceId, List<LabelChoice>? labels, bool postgres)
    {
        int[] ids = labels is null ? [] : [.. labels.Select(l => l.Existing!.Id).Distinct()];
        if (ids.Length == 0)
        {
            return (insert.Sql, insert.Values, 1);
        }
        var n = insert.Values.Length;
        if (postgres)
        {
            var sql = string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""
                WITH inserted AS ({{insert.Sql}} RETURNING id), linked AS (INSERT INTO entry_labels (entry_id, label_id)
                SELECT inserted.id, labels.id FROM inserted, labels WHERE labels.id = ANY({{{n}}}) AND labels.workspace_id = {{{n + 1}}} AND labels.deleted_at IS NULL
                RETURNING 1) SELECT 1 / (COUNT(*) = {{{n + 2}}})::int FROM linked
                """);
            return (sql, [.. insert.Values, ids, workspaceId, ids.Length], 1);
        }
        // The entry's id read once (a materialised row) before the first link: each link's insert moves last_insert_rowid().
        static string Placeholder(int i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var links = $"""
            {insert.Sql};
            WITH inserted(id) AS MATERIALIZED (SELECT last_insert_rowid()) INSERT INTO entry_labels (entry_id, label_id)
            SELECT inserted.id, labels.id FROM inserted, labels WHERE labels.workspace_id = {Placeholder(n)} AND labels.id IN ({string.Join(", ", ids.Select((_, i) => Placeholder(n + 1 + i)))}) AND labels.deleted_at IS NULL
            """;
        return (links, [.. insert.Values, workspaceId, .. ids], 1 + ids.Length);
    }
}

/// <summary>
/// <c>PUT /api/entry/{type}/{uuid}</c> and <c>PUT /api/entry/{uuid}</c>: updates an entry. The route's type
/// may differ from the stored one (the entry becomes that type, and balances follow); the untyped route keeps
/// the stored type (the original routed it to a method that did not exist). A stored transfer is updated as
/// a transfer. <c>If-Match</c> or <c>version</c> makes the update conditional.
/// </summary>
internal static class UpdateEntry
{
    public static async Task<Results<Ok<EntryResponse>, Ok<TransferResponse>, ProblemHttpResult>> Handle(
        string uuid, EntryRequest request, RouteType route, [AsParameters] EntryContext context)
    {
        var (scope, db, clock, http, ct) = context;
        if (!Concurrency.TryExpectedVersion(http, request.Version, out var expected))
        {
            return Concurrency.BadIfMatch("entry");
        }
        var entry = await db.Entries.Include(e => e.Labels).FindInWorkspaceAsync(scope, uuid, ct);
        if (entry is null)
        {
            return Problems.NotFound("The entry");
        }
        var type = route.Type;
        if (entry.Type == EntryType.Transfer || type == EntryType.Transfer)
        {
            if (entry.Type == EntryType.Transfer && type is null or EntryType.Transfer)
            {
                db.ChangeTracker.Clear();
                var transfer = await UpdateTransfer.Handle(uuid, request, context);
                return transfer.Result switch
                {
                    Ok<TransferResponse> ok => ok,
                    ProblemHttpResult problem => problem,
                    _ => throw new InvalidOperationException("Unexpected transfer result."),
                };
            }
            return Problems.Field("type", "A transfer cannot become another type, nor an entry a transfer: delete it and create the new one.");
        }
        Concurrency.ExpectOnSave(db, entry, expected);
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var before = LedgerState.Of(entry);
        var resolver = new EntryResolver(db, scope, info, clock);
        var resolved = await resolver.ResolveAsync(request, type ?? entry.Type, entry, ct);
        if (resolved is null)
        {
            return resolver.Failure!;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await resolved.ApplyAsync(entry, db, scope.WorkspaceId, ct);
        await db.SaveInTransactionAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(before, LedgerState.Of(entry));
        await ledger.CommitAsync(tx, ct);

        // As a create answers: from the tracked entry and the rows the request loaded (no read back by key).
        var response = await EntryResponse.FromWrittenAsync(db, entry, info, ct);
        Concurrency.SetETag(http, response.Version);
        return TypedResults.Ok(response);
    }
}

/// <summary>
/// <c>DELETE /api/entry/{type}/{uuid}</c> and <c>DELETE /api/entry/{uuid}</c> soft-delete an entry (both
/// sides of a transfer) and take it out of the balances; <c>PATCH /api/entry/{uuid}/restore</c> puts it back,
/// unless its wallet (or a transfer's other side's) is deleted: a create or update cannot use a deleted wallet
/// either (404), and a restore would move the balance of a wallet nobody sees (409, nothing written).
/// </summary>
internal static class DeleteEntry
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(string uuid, RouteType route, [AsParameters] EntryContext context) =>
        await SetDeletedAsync(route.Type, uuid, deleted: true, context) is { } problem ? problem : TypedResults.NoContent();

    public static async Task<Results<Ok<EntryResponse>, ProblemHttpResult>> Restore(string uuid, [AsParameters] EntryContext context)
    {
        if (await SetDeletedAsync(null, uuid, deleted: false, context) is { } problem)
        {
            return problem;
        }
        // Answered as GET /api/entry/{uuid} shows it (a deleted payee or goal left out, the version as ETag).
        return await ShowEntry.Handle(uuid, new RouteType(null), context);
    }

    private static async Task<ProblemHttpResult?> SetDeletedAsync(EntryType? type, string uuid, bool deleted, EntryContext context)
    {
        var (scope, db, clock, _, ct) = context;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // With their labels: the label aggregates follow the entry out and back in.
        var entry = await db.Entries.IgnoreQueryFilters().Include(e => e.Labels).Where(e => (e.DeletedAt != null) != deleted).FindInWorkspaceAsync(scope, uuid, ct);
        if (entry is null || (type is { } t && entry.Type != t))
        {
            return Problems.NotFound("The entry");
        }
        var sides = new List<Entry> { entry };
        if (entry.Type == EntryType.Transfer && entry.TransferRelation is { } twinUuid
            && await db.Entries.IgnoreQueryFilters().Include(e => e.Labels).FirstOrDefaultAsync(e => e.Uuid == twinUuid, ct) is { } twin)
        {
            sides.Add(twin);
        }
        if (!deleted)
        {
            int[] wallets = [.. sides.Select(s => s.WalletId).OfType<int>()];
            if (await db.Wallets.IgnoreQueryFilters().AnyAsync(w => wallets.Contains(w.Id) && w.DeletedAt != null, ct))
            {
                return Problems.Conflict(sides.Count > 1
                    ? "A wallet of this transfer is deleted: restore the wallet first."
                    : "The entry's wallet is deleted: restore the wallet first.");
            }
        }
        var ledger = new Ledger.Ledger(db);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var side in sides)
        {
            var before = LedgerState.Of(side);
            side.DeletedAt = deleted ? now : null;
            ledger.Record(before, LedgerState.Of(side));
        }
        await db.SaveInTransactionAsync(ct);
        await ledger.CommitAsync(tx, ct);
        return null;
    }
}
