using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Ledger;
using BudgetControl.Entries.Transfers;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// Create, update, delete and restore of expenses, incomes, debits and savings. Each write is one
/// transaction that saves the entry and moves the balances it affects (<see cref="Ledger.Ledger"/>).
/// </summary>
internal static class EntryWrites
{
    public static async Task<IResult> CreateAsync(EntryType type, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = new Entry();
        var resolver = new EntryResolver(db, scope, info, clock);
        if (!await resolver.ApplyAsync(request, type, entry, ct))
        {
            return resolver.Problem!;
        }
        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(null, LedgerState.Of(entry));
        await ledger.ApplyAsync(ct);
        await tx.CommitAsync(ct);

        var response = (await EntryResponse.LoadAsync(db, scope.WorkspaceId, entry.Id, info, ct))!;
        Concurrency.SetETag(http, response.Version);
        return TypedResults.Created($"/api/entry/{entry.Uuid}", response);
    }

    /// <summary>
    /// Updates an entry; the route's type may differ from the stored one (the entry becomes that type,
    /// and balances follow). <paramref name="type"/> null keeps the stored type.
    /// </summary>
    public static async Task<IResult> UpdateAsync(EntryType? type, string uuid, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!Concurrency.TryExpectedVersion(http, request.Version, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the entry's version in quotes, e.g. \"3\".");
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = Guid.TryParse(uuid, out var id)
            ? await db.Entries.Include(e => e.Labels).FirstOrDefaultAsync(e => e.Uuid == id && e.WorkspaceId == scope.WorkspaceId, ct)
            : null;
        if (entry is null)
        {
            return Problems.NotFound("The entry");
        }
        if (entry.Type == EntryType.Transfer || type == EntryType.Transfer)
        {
            if (entry.Type == EntryType.Transfer && type is null or EntryType.Transfer)
            {
                await tx.DisposeAsync();
                return await TransferWrites.UpdateAsync(uuid, request, scope, db, clock, http, ct);
            }
            return Problems.Invalid("type", "A transfer cannot become another type, nor an entry a transfer: delete it and create the new one.");
        }
        if (expected is { } version)
        {
            db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        }
        var before = LedgerState.Of(entry);
        var resolver = new EntryResolver(db, scope, info, clock);
        if (!await resolver.ApplyAsync(request, type ?? entry.Type, entry, ct))
        {
            return resolver.Problem!;
        }
        await db.SaveChangesAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(before, LedgerState.Of(entry));
        await ledger.ApplyAsync(ct);
        await tx.CommitAsync(ct);

        var response = (await EntryResponse.LoadAsync(db, scope.WorkspaceId, entry.Id, info, ct))!;
        Concurrency.SetETag(http, response.Version);
        return TypedResults.Ok(response);
    }

    /// <summary>Soft-deletes an entry (both sides of a transfer) and takes it out of the balances.</summary>
    public static async Task<IResult> DeleteAsync(EntryType? type, string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
        await SetDeletedAsync(type, uuid, deleted: true, scope, db, clock, ct) is { } problem ? problem : TypedResults.NoContent();

    /// <summary>Restores a soft-deleted entry (both sides of a transfer) and puts it back into the balances.</summary>
    public static async Task<IResult> RestoreAsync(string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await SetDeletedAsync(null, uuid, deleted: false, scope, db, clock, ct) is { } problem)
        {
            return problem;
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var id = Guid.Parse(uuid);
        var entryId = await db.Entries.Where(e => e.Uuid == id).Select(e => e.Id).FirstAsync(ct);
        return TypedResults.Ok((await EntryResponse.LoadAsync(db, scope.WorkspaceId, entryId, info, ct))!);
    }

    private static async Task<IResult?> SetDeletedAsync(EntryType? type, string uuid, bool deleted, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = Guid.TryParse(uuid, out var id)
            ? await db.Entries.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Uuid == id && e.WorkspaceId == scope.WorkspaceId && (e.DeletedAt != null) != deleted, ct)
            : null;
        if (entry is null || (type is { } t && entry.Type != t))
        {
            return Problems.NotFound("The entry");
        }
        var sides = new List<Entry> { entry };
        if (entry.Type == EntryType.Transfer && entry.TransferRelation is { } twinUuid)
        {
            var twin = await db.Entries.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Uuid == twinUuid, ct);
            if (twin is not null)
            {
                sides.Add(twin);
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
        await db.SaveChangesAsync(ct);
        await ledger.ApplyAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }
}
