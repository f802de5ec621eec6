using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Jobs;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Jobs.Cards;

/// <summary>
/// Pays credit cards on their invoice date (original-core §10.5, with the signs right): a transfer of the
/// amount due from the payment wallet to the card, then the statement dates roll one month. Statements
/// missed while the worker was down are settled one by one, each once.
/// </summary>
internal sealed class CardSettlements(BudgetDbContext db, IScheduledEntries entries, JobRecorder recorder, TimeProvider clock)
{
    public const string Name = "settle-credit-cards";

    /// <summary>At most this many missed statements of one card per run.</summary>
    private const int MaxStatements = 24;

    /// <summary>Runs once; returns how many statements were settled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = await db.Wallets.AsNoTracking()
            .Where(w => (w.Type == WalletType.CreditCard || w.Type == WalletType.CreditCardRevolving) && w.InvoiceDate != null
                && db.Workspaces.Any(x => x.Id == w.WorkspaceId))
            .Select(w => new { w.Id, w.Uuid, w.WorkspaceId })
            .OrderBy(w => w.Id).ToListAsync(ct);
        var settled = 0;
        foreach (var card in cards)
        {
            var zone = (await WorkspaceInfo.LoadAsync(db, card.WorkspaceId, ct)).TimeZone;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
            for (var i = 0; i < MaxStatements; i++)
            {
                var invoice = await db.Wallets.AsNoTracking().Where(w => w.Id == card.Id).Select(w => w.InvoiceDate).FirstOrDefaultAsync(ct);
                if (invoice is not { } date || date > today)
                {
                    break;
                }
                ScheduledOutcome outcome;
                try
                {
                    outcome = await entries.SettleCardAsync(card.Id, date, ct);
                }
                catch (Exception ex) when (TransientRetry.IsTransient(ex))
                {
                    break; // the database aborted the write (deadlock, busy file): the next run tries again
                }
                catch (DbUpdateException ex)
                {
                    outcome = ScheduledOutcome.Failed(ex.InnerException?.Message ?? ex.Message);
                }
                if (outcome.Result == ScheduledResult.Failed)
                {
                    await recorder.FailedAsync(Name, card.WorkspaceId, card.Uuid, $"{date:yyyy-MM-dd}: {outcome.Error}", ct);
                    break;
                }
                if (outcome.Result == ScheduledResult.Done)
                {
                    settled++;
                }
            }
        }
        return settled;
    }
}
