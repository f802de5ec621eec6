using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Entries.Ledger;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Entries.Transfers;

/// <summary>
/// Transfers (original-core §6.3): two linked entries, −X on <c>account_id</c> and +X on
/// <c>transfer_id</c>, created, updated and deleted together in one transaction. Unlike the original:
/// the amount must be positive, source and destination must differ, the destination is planned exactly
/// like the source, labels are resolved in each side's own workspace, and a destination in another
/// workspace (<c>workspace_id</c>) must be one the caller may write.
/// </summary>
internal static class TransferWrites
{
    public static async Task<IResult> CreateAsync(TransferRequestContext context, EntryRequest request, CancellationToken ct)
    {
        var (scope, db, clock, http) = context;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = new Entry { TransferRelation = null };
        var destination = new Entry();
        var problem = await ApplyAsync(context, request, source, destination, ct);
        if (problem is not null)
        {
            return problem;
        }
        db.Entries.Add(source);
        db.Entries.Add(destination);
        await db.SaveChangesAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(null, LedgerState.Of(source));
        ledger.Record(null, LedgerState.Of(destination));
        await ledger.ApplyAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/entry/transfer/{source.Uuid}", await ResponseAsync(db, scope, source, destination, ct));
    }

    public static async Task<IResult> UpdateAsync(string uuid, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!Concurrency.TryExpectedVersion(http, request.Version, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the entry's version in quotes, e.g. \"3\".");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var given = Guid.TryParse(uuid, out var id)
            ? await db.Entries.Include(e => e.Labels).FirstOrDefaultAsync(e => e.Uuid == id && e.WorkspaceId == scope.WorkspaceId && e.Type == EntryType.Transfer, ct)
            : null;
        var twin = given?.TransferRelation is { } twinId
            ? await db.Entries.Include(e => e.Labels).FirstOrDefaultAsync(e => e.Uuid == twinId, ct)
            : null;
        if (given is null || twin is null)
        {
            return Problems.NotFound("The transfer");
        }
        if (expected is { } version)
        {
            db.Entry(given).Property(e => e.Version).OriginalValue = version;
        }
        // Whichever side was named, the negative one is the source.
        var (source, destination) = given.Amount <= 0 ? (given, twin) : (twin, given);
        var before = (LedgerState.Of(source), LedgerState.Of(destination));
        var context = new TransferRequestContext(scope, db, clock, http);
        var problem = await ApplyAsync(context, request, source, destination, ct);
        if (problem is not null)
        {
            return problem;
        }
        await db.SaveChangesAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(before.Item1, LedgerState.Of(source));
        ledger.Record(before.Item2, LedgerState.Of(destination));
        await ledger.ApplyAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(db, scope, source, destination, ct));
    }

    /// <summary>Fills a new transfer pair exactly as <c>POST /api/entry/transfer</c> does, for the jobs worker (no transaction, no save).</summary>
    public static Task<IResult?> ResolveAsync(TransferRequestContext context, EntryRequest request, Entry source, Entry destination, CancellationToken ct) =>
        ApplyAsync(context, request, source, destination, ct);

    private static async Task<IResult?> ApplyAsync(TransferRequestContext context, EntryRequest request, Entry source, Entry destination, CancellationToken ct)
    {
        var (scope, db, clock, _) = context;
        var isNew = source.Id == 0;
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);

        // The destination workspace: this one, or another the caller may write (original: any the source owner belonged to).
        var destinationScope = scope;
        var destinationWorkspace = request.WorkspaceId ?? (isNew ? null : await db.Workspaces.Where(w => w.Id == destination.WorkspaceId).Select(w => w.Uuid.ToString()).FirstAsync(ct));
        if (destinationWorkspace is not null && Guid.TryParse(destinationWorkspace, out var wsUuid) && wsUuid != scope.WorkspaceUuid)
        {
            var membership = await context.Http.RequestServices.GetRequiredService<MembershipCache>().GetMembershipAsync(wsUuid, scope.UserUuid, ct);
            if (membership is null)
            {
                return Problems.NotFound("The destination workspace");
            }
            if (membership.Role < WorkspaceRole.Member)
            {
                return Problems.Forbidden("Viewers cannot write to the destination workspace.");
            }
            destinationScope = new WorkspaceScope(membership.WorkspaceId, wsUuid, scope.UserId, scope.UserUuid, membership.Role);
        }
        else if (destinationWorkspace is not null && !Guid.TryParse(destinationWorkspace, out _))
        {
            return Problems.Invalid("workspace_id", "must be the uuid of the destination workspace.");
        }
        var destinationInfo = destinationScope == scope ? info : await WorkspaceInfo.LoadAsync(db, destinationScope.WorkspaceId, ct);

        // The source side is an ordinary entry of type transfer; resolve it first.
        var sourceResolver = new EntryResolver(db, scope, info, clock);
        if (!await sourceResolver.ApplyAsync(request, EntryType.Transfer, source, ct))
        {
            return sourceResolver.Problem!;
        }
        var destinationResolver = new EntryResolver(db, destinationScope, destinationInfo, clock);
        var target = await destinationResolver.WalletAsync("transfer_id",
            request.TransferId ?? (isNew ? null : await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == destination.WalletId).Select(w => w.Uuid.ToString()).FirstAsync(ct)),
            required: true, ct, destinationScope.WorkspaceId);
        if (destinationResolver.Problem is not null)
        {
            return destinationResolver.Problem;
        }
        if (!destinationResolver.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(destinationResolver.Validation.Errors);
        }
        if (target!.Id == source.WalletId)
        {
            return Problems.Invalid("transfer_id", "must be another wallet than account_id.");
        }
        var labels = await destinationResolver.LabelsAsync(request.Labels, ct);
        if (destinationResolver.Problem is not null)
        {
            return destinationResolver.Problem;
        }

        // Source: −X. Destination: +X in the target wallet's currency, converted with the source workspace's rates.
        var currency = (await db.Currencies.AsNoTracking().FirstAsync(c => c.Id == source.CurrencyId, ct));
        var amount = source.Amount;
        source.Amount = -amount;
        source.WalletAmount = -source.WalletAmount;
        source.BaseAmount = -source.BaseAmount;
        var inTarget = await sourceResolver.ConvertAsync(amount, currency, target.CurrencyId, ct);
        var inTargetBase = await sourceResolver.ConvertAsync(amount, currency, destinationInfo.BaseCurrencyId, ct);
        if (inTarget is null || inTargetBase is null)
        {
            return sourceResolver.Problem!;
        }

        destination.WorkspaceId = destinationScope.WorkspaceId;
        destination.Type = EntryType.Transfer;
        destination.Transfer = true;
        destination.Amount = amount;
        destination.CurrencyId = source.CurrencyId;
        destination.WalletAmount = inTarget.Value;
        destination.BaseAmount = inTargetBase.Value;
        destination.DateTime = source.DateTime;
        destination.Planned = source.Planned;
        destination.Confirmed = source.Confirmed;
        destination.Note = source.Note;
        destination.CategoryId = source.CategoryId;
        destination.PaymentTypeId = source.PaymentTypeId;
        destination.WalletId = target.Id;
        destination.TransferWalletId = source.WalletId;
        destination.ExcludeFromStats = source.ExcludeFromStats;
        destination.Geolocation = source.Geolocation;
        source.TransferWalletId = target.Id;
        if (labels is not null)
        {
            destination.Labels.Clear();
            destination.Labels.AddRange(labels);
        }
        source.TransferRelation = destination.Uuid;
        destination.TransferRelation = source.Uuid;
        return null;
    }

    private static async Task<TransferResponse> ResponseAsync(BudgetDbContext db, WorkspaceScope scope, Entry source, Entry destination, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var destinationInfo = destination.WorkspaceId == scope.WorkspaceId ? info : await WorkspaceInfo.LoadAsync(db, destination.WorkspaceId, ct);
        return new TransferResponse(
            (await EntryResponse.LoadAsync(db, source.WorkspaceId, source.Id, info, ct))!,
            (await EntryResponse.LoadAsync(db, destination.WorkspaceId, destination.Id, destinationInfo, ct))!);
    }
}

/// <summary>What a transfer write needs from the request.</summary>
internal sealed record TransferRequestContext(WorkspaceScope Scope, BudgetDbContext Db, TimeProvider Clock, HttpContext Http);
