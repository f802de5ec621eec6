using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Debits;

/// <summary>
/// <c>GET /api/debits</c>: the original's debts overview, one item per payee with its balance and its
/// debit entries (planned and unconfirmed included, as the original; deleted ones not), newest first.
/// </summary>
internal static class ListDebits
{
    public static async Task<Ok<List<DebitResponse>>> Handle(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var payees = await db.Payees.AsNoTracking()
            .Where(p => p.WorkspaceId == scope.WorkspaceId)
            .OrderBy(p => p.NormalizedName).ThenBy(p => p.Id)
            .ToListAsync(ct);
        // One query for every payee's entries rather than one per payee.
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.WorkspaceId == scope.WorkspaceId && e.Type == EntryType.Debit && e.PayeeId != null)
            .OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id)
            .Select(e => new { PayeeId = e.PayeeId!.Value, e.Uuid, e.BaseAmount, e.DateTime, e.Note, e.Confirmed, e.Planned })
            .ToListAsync(ct);
        var byPayee = entries.ToLookup(e => e.PayeeId);

        return TypedResults.Ok(payees.Select(p => new DebitResponse(
            "debit",
            p.Uuid,
            p.Name,
            p.CreatedAt,
            new DebtsResponse(
                MoneyFormat.ToDecimal(p.Balance, workspace.BaseMinorUnits),
                byPayee[p.Id].Select(e => new DebitEntryResponse(
                    e.Uuid,
                    MoneyFormat.ToDecimal(e.BaseAmount, workspace.BaseMinorUnits),
                    workspace.Format(e.DateTime),
                    e.Note,
                    e.Confirmed,
                    e.Planned)).ToList()))).ToList());
    }
}

/// <summary>One item of the overview; <c>type</c> is always "debit" (the original also listed revolving cards).</summary>
internal sealed record DebitResponse(string Type, Guid Uuid, string Name, DateTime CreatedAt, DebtsResponse Debts)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary><c>balance</c> in the base currency; negative means the payee owes you.</summary>
internal sealed record DebtsResponse(decimal Balance, List<DebitEntryResponse> Entries);

/// <summary>A debit entry: <c>amount</c> in the base currency (signed), <c>date_time</c> in the workspace's time zone.</summary>
internal sealed record DebitEntryResponse(Guid Uuid, decimal Amount, string DateTime, string? Note, bool Confirmed, bool Planned);
