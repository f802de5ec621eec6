using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Entries.Entries;
using BudgetControl.Entries.Ledger;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Entries.Transfers;

/// <summary>
/// <c>POST /api/entry/transfer</c> and <c>PUT /api/entry/transfer/{uuid}</c>: two linked entries, −X on <c>account_id</c> and +X on
/// <c>transfer_id</c>, created, updated and deleted together in one transaction. Unlike the original:
/// the amount must be positive, source and destination must differ, the destination is planned exactly
/// like the source, labels are resolved in each side's own workspace, and a destination in another
/// workspace (<c>workspace_id</c>) must be one the caller may write.
/// </summary>
internal static class CreateTransfer
{
    public static async Task<Results<Created<TransferResponse>, ProblemHttpResult>> Handle(EntryRequest request, [AsParameters] EntryContext context)
    {
        var (scope, db, _, _, ct) = context;
        var source = new Entry { TransferRelation = null };
        var destination = new Entry();
        var resolved = await TransferResolution.ResolveAsync(context, request, source, destination, ct);
        if (resolved.Failure is { } failure)
        {
            return failure;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await resolved.ApplyAsync(db, source, destination, ct);
        db.Entries.Add(source);
        db.Entries.Add(destination);
        await db.SaveInTransactionAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(null, LedgerState.Of(source));
        ledger.Record(null, LedgerState.Of(destination));
        await ledger.CommitAsync(tx, ct);
        // Written: the answer is built even if the client went away, for an Idempotency-Key to keep (a retry gets it).
        return TypedResults.Created($"/api/entry/transfer/{source.Uuid}", await TransferResolution.ResponseAsync(db, scope, source, destination, CancellationToken.None));
    }
}

internal static class UpdateTransfer
{
    public static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Handle(string uuid, EntryRequest request, [AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        if (!Concurrency.TryExpectedVersion(http, request.Version, out var expected))
        {
            return Concurrency.BadIfMatch("entry");
        }
        var given = await db.Entries.Include(e => e.Labels).Where(e => e.Type == EntryType.Transfer).FindInWorkspaceAsync(scope, uuid, ct);
        var twin = given?.TransferRelation is { } twinId
            ? await db.Entries.Include(e => e.Labels).FirstOrDefaultAsync(e => e.Uuid == twinId, ct)
            : null;
        if (given is null || twin is null)
        {
            return Problems.NotFound("The transfer");
        }
        Concurrency.ExpectOnSave(db, given, expected);
        // Whichever side was named, the negative one is the source.
        var (source, destination) = given.Amount <= 0 ? (given, twin) : (twin, given);
        var before = (LedgerState.Of(source), LedgerState.Of(destination));
        var resolved = await TransferResolution.ResolveAsync(context, request, source, destination, ct);
        if (resolved.Failure is { } failure)
        {
            return failure;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await resolved.ApplyAsync(db, source, destination, ct);
        await db.SaveInTransactionAsync(ct);
        var ledger = new Ledger.Ledger(db);
        ledger.Record(before.Item1, LedgerState.Of(source));
        ledger.Record(before.Item2, LedgerState.Of(destination));
        await ledger.CommitAsync(tx, ct);
        return TypedResults.Ok(await TransferResolution.ResponseAsync(db, scope, source, destination, ct));
    }
}

/// <summary>A transfer request resolved (validation and look-ups only), or the reason it is refused.</summary>
internal sealed class TransferResolution
{
    private ResolvedEntry? _source;
    private List<LabelChoice>? _destinationLabels;
    private int _sourceWorkspaceId;
    private int _destinationWorkspaceId;
    private int _targetWalletId;
    private long _targetAmount;
    private long _targetBaseAmount;

    public ProblemHttpResult? Failure { get; private init; }

    private static TransferResolution Refused(ProblemHttpResult failure) => new() { Failure = failure };

    public static async Task<TransferResolution> ResolveAsync(EntryContext context, EntryRequest request, Entry source, Entry destination, CancellationToken ct)
    {
        var (scope, db, clock, http, _) = context;
        var isNew = source.Id == 0;
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);

        // The destination workspace: this one, or another the caller may write (original: any the source owner belonged to).
        var destinationScope = scope;
        // Absent keeps the stored destination workspace; null (or none on create) is this one.
        var destinationWorkspace = request.WorkspaceId.IsPresent || isNew
            ? request.WorkspaceId.Value
            : await db.Workspaces.Where(w => w.Id == destination.WorkspaceId).Select(w => w.Uuid.ToString()).FirstAsync(ct);
        if (destinationWorkspace is not null && Guid.TryParse(destinationWorkspace, out var wsUuid) && wsUuid != scope.WorkspaceUuid)
        {
            var membership = await http.RequestServices.GetRequiredService<MembershipCache>().GetMembershipAsync(wsUuid, scope.UserUuid, ct);
            if (membership is null)
            {
                return Refused(Problems.NotFound("The destination workspace"));
            }
            if (membership.Role < WorkspaceRole.Member)
            {
                return Refused(Problems.Forbidden("Viewers cannot write to the destination workspace."));
            }
            destinationScope = new WorkspaceScope(membership.WorkspaceId, wsUuid, scope.UserId, scope.UserUuid, membership.Role);
        }
        else if (destinationWorkspace is not null && !Guid.TryParse(destinationWorkspace, out _))
        {
            return Refused(Problems.Field("workspace_id", "must be the uuid of the destination workspace."));
        }
        var destinationInfo = destinationScope == scope ? info : await WorkspaceInfo.LoadAsync(db, destinationScope.WorkspaceId, ct);

        // The source side is an ordinary entry of type transfer; resolve it first.
        var sourceResolver = new EntryResolver(db, scope, info, clock);
        var resolvedSource = await sourceResolver.ResolveAsync(request, EntryType.Transfer, source, ct);
        if (resolvedSource is null)
        {
            return Refused(sourceResolver.Failure!);
        }
        var destinationResolver = new EntryResolver(db, destinationScope, destinationInfo, clock);
        var target = await destinationResolver.WalletAsync("transfer_id", request.TransferId, isNew ? null : destination.WalletId, ct, destinationScope.WorkspaceId);
        if (destinationResolver.Failure is { } destinationFailure)
        {
            return Refused(destinationFailure);
        }
        if (target is null)
        {
            return Refused(Problems.Field("transfer_id", "must be the uuid of a wallet."));
        }
        if (target.Id == resolvedSource.WalletId)
        {
            return Refused(Problems.Field("transfer_id", "must be another wallet than account_id."));
        }
        var labels = await destinationResolver.LabelsAsync(request.Labels, ct);
        if (destinationResolver.Failure is { } labelFailure)
        {
            return Refused(labelFailure);
        }

        // Destination: +X in the target wallet's currency, converted with the source workspace's rates.
        var currency = ReferenceData.CurrencyById(resolvedSource.CurrencyId)!;
        var inTarget = await sourceResolver.ConvertAsync(resolvedSource.Amount, currency, target.CurrencyId, ct);
        var inTargetBase = await sourceResolver.ConvertAsync(resolvedSource.Amount, currency, destinationInfo.BaseCurrencyId, ct);
        if (inTarget is null || inTargetBase is null)
        {
            return Refused(sourceResolver.Failure!);
        }
        return new TransferResolution
        {
            _source = resolvedSource,
            _destinationLabels = labels,
            _sourceWorkspaceId = scope.WorkspaceId,
            _destinationWorkspaceId = destinationScope.WorkspaceId,
            _targetWalletId = target.Id,
            _targetAmount = inTarget.Value,
            _targetBaseAmount = inTargetBase.Value,
        };
    }

    /// <summary>Writes both sides (source: −X, destination: +X), creating new labels first; inside the caller's transaction.</summary>
    public async Task ApplyAsync(BudgetDbContext db, Entry source, Entry destination, CancellationToken ct)
    {
        var resolved = _source!;
        await resolved.ApplyAsync(source, db, _sourceWorkspaceId, ct);
        var amount = source.Amount;
        source.Amount = -amount;
        source.WalletAmount = -source.WalletAmount;
        source.BaseAmount = -source.BaseAmount;

        destination.WorkspaceId = _destinationWorkspaceId;
        destination.Type = EntryType.Transfer;
        destination.Transfer = true;
        destination.Amount = amount;
        destination.CurrencyId = source.CurrencyId;
        destination.WalletAmount = _targetAmount;
        destination.BaseAmount = _targetBaseAmount;
        destination.DateTime = source.DateTime;
        destination.Planned = source.Planned;
        destination.Confirmed = source.Confirmed;
        destination.Note = source.Note;
        destination.CategoryId = source.CategoryId;
        destination.PaymentTypeId = source.PaymentTypeId;
        destination.WalletId = _targetWalletId;
        destination.TransferWalletId = source.WalletId;
        destination.ExcludeFromStats = source.ExcludeFromStats;
        destination.Geolocation = source.Geolocation;
        source.TransferWalletId = _targetWalletId;
        await LabelChoice.ReplaceAsync(_destinationLabels, destination.Labels, db, _destinationWorkspaceId, ct);
        source.TransferRelation = destination.Uuid;
        destination.TransferRelation = source.Uuid;
    }

    /// <summary>
    /// The answer for both sides just written, from the tracked entries and the rows the request loaded to check them
    /// (as a single entry's write answers, <see cref="EntryResponse.FromWrittenAsync"/>): reading both back by key cost
    /// PostgreSQL two generic plans per transfer, most of a transfer's database time (docs/performance.md).
    /// </summary>
    public static async Task<TransferResponse> ResponseAsync(BudgetDbContext db, WorkspaceScope scope, Entry source, Entry destination, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var destinationInfo = destination.WorkspaceId == scope.WorkspaceId ? info : await WorkspaceInfo.LoadAsync(db, destination.WorkspaceId, ct);
        return new TransferResponse(
            await EntryResponse.FromWrittenAsync(db, source, info, ct),
            await EntryResponse.FromWrittenAsync(db, destination, destinationInfo, ct));
    }
}
