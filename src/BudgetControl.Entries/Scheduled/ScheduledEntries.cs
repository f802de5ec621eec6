using System.Globalization;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Entries.Entries;
using BudgetControl.Entries.Ledger;
using BudgetControl.Entries.Transfers;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Cache;
using BudgetControl.Hosting.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Scheduled;

/// <summary>
/// The entries module's side of the jobs worker (<see cref="IScheduledEntries"/>): occurrences of plans,
/// activation of future-dated entries and credit-card settlements, each resolved by the same code as the
/// HTTP endpoints (<see cref="EntryResolver"/>, <see cref="TransferResolution"/>) and written with the
/// <see cref="Ledger.Ledger"/> in one transaction together with its idempotency key.
/// </summary>
internal sealed class ScheduledEntries(BudgetDbContext db, TimeProvider clock, IServiceProvider services, WorkspaceVersions versions) : IScheduledEntries
{
    /// <summary>Original-core §10.5: a card payment is a transfer paid by bank transfer (payment type 2).</summary>
    private const int CardPaymentType = 2;

    public async Task<ScheduledOutcome> MaterialiseAsync(int planId, DateOnly occurrenceDate, DateTime occurrenceUtc, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.PlannedOccurrences.AnyAsync(o => o.PlannedEntryId == planId && o.OccurrenceDate == occurrenceDate, ct))
        {
            return ScheduledOutcome.AlreadyDone;
        }
        var plan = await db.PlannedEntries.AsNoTracking().Include(p => p.Labels).FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return ScheduledOutcome.Failed("The plan was deleted.");
        }
        var scope = await OwnerScopeAsync(plan.WorkspaceId, ct);
        if (scope is null)
        {
            return ScheduledOutcome.Failed("The workspace was deleted.");
        }
        var info = await WorkspaceInfo.LoadAsync(db, plan.WorkspaceId, ct);
        var currency = ReferenceData.CurrencyById(plan.CurrencyId)!;
        var walletUuid = await WalletUuidAsync(plan.WalletId, ct);
        var request = new EntryRequest(
            Amount: MoneyFormat.ToDecimal(plan.Type == EntryType.Transfer ? Math.Abs(plan.Amount) : plan.Amount, currency.MinorUnits),
            DateTime: occurrenceUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Note: plan.Note,
            CategoryId: plan.CategoryId,
            AccountId: walletUuid,
            CurrencyId: JsonSerializer.SerializeToElement(plan.CurrencyId),
            PaymentType: plan.PaymentTypeId,
            Confirmed: plan.Confirmed,
            Waranty: null,
            Installment: null,
            ExcludeFromStats: null,
            Geolocation: null,
            PayeeId: plan.PayeeId is { } payee ? JsonSerializer.SerializeToElement(await db.Payees.IgnoreQueryFilters().Where(p => p.Id == payee).Select(p => p.Uuid).FirstAsync(ct)) : null,
            GoalId: plan.GoalId is { } goal ? (await db.Goals.IgnoreQueryFilters().Where(g => g.Id == goal).Select(g => g.Uuid).FirstAsync(ct)).ToString() : null,
            Labels: JsonSerializer.SerializeToElement(plan.Labels.Select(l => l.Uuid.ToString())),
            TransferId: await WalletUuidAsync(plan.TransferWalletId, ct),
            WorkspaceId: null,
            Version: null);

        // Resolved exactly as POST /api/entry/{type} (or /transfer) resolves a request, then written in one transaction.
        var written = new List<Entry>();
        Func<Task> apply;
        if (plan.Type == EntryType.Transfer)
        {
            var source = new Entry();
            var destination = new Entry();
            var transfer = await TransferResolution.ResolveAsync(Context(scope, ct), request, source, destination, ct);
            if (transfer.Failure is { } failure)
            {
                return ScheduledOutcome.Failed(Describe(failure));
            }
            written.Add(source);
            written.Add(destination);
            apply = () => transfer.ApplyAsync(db, source, destination, ct);
        }
        else
        {
            var entry = new Entry();
            var resolver = new EntryResolver(db, scope, info, clock);
            var resolved = await resolver.ResolveAsync(request, plan.Type, entry, ct);
            if (resolved is null)
            {
                return ScheduledOutcome.Failed(Describe(resolver.Failure!));
            }
            written.Add(entry);
            apply = () => resolved.ApplyAsync(entry, db, plan.WorkspaceId, ct);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await apply();
        db.Entries.AddRange(written);
        await db.SaveChangesAsync(ct);
        db.PlannedOccurrences.Add(new PlannedOccurrence
        {
            PlannedEntryId = plan.Id,
            OccurrenceDate = occurrenceDate,
            EntryId = written[0].Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (TransientRetry.IsUniqueViolation(ex))
        {
            // Another worker wrote this occurrence meanwhile: the unique (plan, date) key refuses the second one.
            return ScheduledOutcome.AlreadyDone;
        }
        var ledger = new Ledger.Ledger(db);
        foreach (var entry in written)
        {
            ledger.Record(null, LedgerState.Of(entry));
        }
        await ledger.CommitAsync(tx, ct);
        await versions.BumpAsync(plan.WorkspaceId); // cached reads of the workspace must not outlive the write
        return ScheduledOutcome.Done(written[0].Amount);
    }

    public async Task<int> ActivateDueAsync(int workspaceId, DateTime nowUtc, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Entries.Include(e => e.Wallet).Include(e => e.Labels)
            .Where(e => e.WorkspaceId == workspaceId && e.Planned && e.DateTime <= nowUtc)
            .OrderBy(e => e.Id).Take(500).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var ledger = new Ledger.Ledger(db);
        foreach (var entry in due)
        {
            var before = LedgerState.Of(entry);
            entry.Planned = false;
            // Unconfirmed entries stop being planned but still do not count: the ledger counts only confirmed ones.
            ledger.Record(before, LedgerState.Of(entry));
        }
        await db.SaveChangesAsync(ct);
        await ledger.CommitAsync(tx, ct);
        await versions.BumpAsync(workspaceId);
        return due.Count;
    }

    public async Task<ScheduledOutcome> SettleCardAsync(int cardWalletId, DateOnly invoiceDate, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var card = await db.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == cardWalletId, ct);
        if (card is null || card.Type is not (WalletType.CreditCard or WalletType.CreditCardRevolving))
        {
            return ScheduledOutcome.Failed("The wallet is not a credit card any more.");
        }
        if (card.InvoiceDate != invoiceDate || await db.CardSettlements.AnyAsync(s => s.WalletId == cardWalletId && s.InvoiceDate == invoiceDate, ct))
        {
            return ScheduledOutcome.AlreadyDone;
        }
        var scope = await OwnerScopeAsync(card.WorkspaceId, ct);
        if (scope is null)
        {
            return ScheduledOutcome.Failed("The workspace was deleted.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Rolling the statement first both claims it (a second settler finds the date moved: nothing to do) and
        // locks the card's row, so no entry changes its balance between the read below and the payment.
        var nextInvoice = invoiceDate.AddMonths(1);
        var nextClosing = card.ClosingDate?.AddMonths(1);
        var rolled = await db.Wallets.Where(w => w.Id == card.Id && w.InvoiceDate == invoiceDate)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.InvoiceDate, nextInvoice)
                .SetProperty(w => w.ClosingDate, nextClosing)
                .SetProperty(w => w.Version, w => w.Version + 1), ct);
        if (rolled == 0)
        {
            return ScheduledOutcome.AlreadyDone;
        }
        var balance = await db.Wallets.AsNoTracking().Where(w => w.Id == card.Id).Select(w => w.Balance).FirstAsync(ct);
        // Original-core §10.5: the full debt, or for a revolving card at most one instalment.
        var debt = balance < 0 ? -balance : 0;
        var due = card.Type == WalletType.CreditCardRevolving && card.InstallementValue is { } instalment ? Math.Min(Math.Abs(instalment), debt) : debt;
        var written = new List<Entry>();
        if (due > 0)
        {
            if (card.PaymentAccountId is not { } payer)
            {
                return ScheduledOutcome.Failed("The card has no payment wallet.");
            }
            var currency = ReferenceData.CurrencyById(card.CurrencyId)!;
            var request = new EntryRequest(
                Amount: MoneyFormat.ToDecimal(due, currency.MinorUnits),
                DateTime: clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Note: $"Credit card payment: {card.Name} {invoiceDate:yyyy-MM-dd}",
                CategoryId: null,
                AccountId: await WalletUuidAsync(payer, ct),
                CurrencyId: JsonSerializer.SerializeToElement(card.CurrencyId),
                PaymentType: CardPaymentType,
                Confirmed: true,
                Waranty: null,
                Installment: null,
                ExcludeFromStats: null,
                Geolocation: null,
                PayeeId: null,
                GoalId: null,
                Labels: null,
                TransferId: card.Uuid.ToString(),
                WorkspaceId: null,
                Version: null);
            var source = new Entry();
            var destination = new Entry();
            var transfer = await TransferResolution.ResolveAsync(Context(scope, ct), request, source, destination, ct);
            if (transfer.Failure is { } failure)
            {
                return ScheduledOutcome.Failed(Describe(failure));
            }
            await transfer.ApplyAsync(db, source, destination, ct);
            written.Add(source);
            written.Add(destination);
            db.Entries.AddRange(written);
            await db.SaveChangesAsync(ct);
        }
        db.CardSettlements.Add(new CardSettlement
        {
            WalletId = card.Id,
            InvoiceDate = invoiceDate,
            Amount = due,
            EntryId = written.Count > 0 ? written[0].Id : null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (TransientRetry.IsUniqueViolation(ex))
        {
            return ScheduledOutcome.AlreadyDone;
        }
        // The card's row is locked since the statement rolled: no wallet turn for this write (Ledger.WaitsForTurn).
        var ledger = new Ledger.Ledger(db) { WaitsForTurn = false };
        foreach (var entry in written)
        {
            ledger.Record(null, LedgerState.Of(entry));
        }
        await ledger.CommitAsync(tx, ct);
        await versions.BumpAsync(card.WorkspaceId);
        return ScheduledOutcome.Done(due);
    }

    /// <summary>Jobs act for the workspace's owner (they write what the owner planned).</summary>
    private async Task<WorkspaceScope?> OwnerScopeAsync(int workspaceId, CancellationToken ct)
    {
        var owner = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new { w.Uuid, w.OwnerId, OwnerUuid = w.Owner!.Uuid }).FirstOrDefaultAsync(ct);
        return owner is null ? null : new WorkspaceScope(workspaceId, owner.Uuid, owner.OwnerId, owner.OwnerUuid, WorkspaceRole.Owner);
    }

    private async Task<string?> WalletUuidAsync(int? walletId, CancellationToken ct) =>
        walletId is null ? null : (await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == walletId).Select(w => w.Uuid).FirstAsync(ct)).ToString();

    private EntryContext Context(WorkspaceScope scope, CancellationToken ct) =>
        new(scope, db, clock, new DefaultHttpContext { RequestServices = services }, ct);

    /// <summary>The refusal the HTTP endpoint would have answered, as one line for the job history.</summary>
    private static string Describe(ProblemHttpResult problem) => problem.ProblemDetails switch
    {
        HttpValidationProblemDetails v => string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        var p => p.Detail ?? p.Title ?? "refused",
    };
}
