using System.Text.Json.Serialization;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Savings.Savings;

internal sealed record SavingRef(Guid Uuid, string Name)
{
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal sealed record SavingLabel(Guid Uuid, string Name, string Color)
{
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>
/// A saving entry: money moved from <c>wallet</c> into <c>goal</c>. <c>amount</c> is in the entry's
/// currency, <c>base_amount</c> in the workspace's (what the goal's balance adds up).
/// </summary>
internal sealed record SavingResponse(
    Guid Uuid,
    string Type,
    decimal Amount,
    decimal BaseAmount,
    string Currency,
    string DateTime,
    string? Note,
    bool Confirmed,
    bool Planned,
    bool ExcludeFromStats,
    int CategoryId,
    Guid? AccountId,
    Guid? GoalId,
    SavingRef? Wallet,
    SavingRef? Goal,
    List<SavingLabel> Labels,
    int Version)
{
    public static IQueryable<Entry> Query(IQueryable<Entry> entries) =>
        entries.AsNoTracking().AsSplitQuery().Include(e => e.Labels).Include(e => e.Wallet).Include(e => e.Goal);

    public static SavingResponse From(Entry e, WorkspaceInfo info)
    {
        var currency = ReferenceData.CurrencyById(e.CurrencyId)!;
        return new SavingResponse(
            e.Uuid, e.Type.Name(),
            MoneyFormat.ToDecimal(e.Amount, currency.MinorUnits), MoneyFormat.ToDecimal(e.BaseAmount, info.BaseMinorUnits), currency.Label,
            info.Format(e.DateTime), e.Note, e.Confirmed, e.Planned, e.ExcludeFromStats, e.CategoryId,
            e.Wallet?.Uuid, e.Goal?.Uuid,
            e.Wallet is null ? null : new SavingRef(e.Wallet.Uuid, e.Wallet.Name),
            e.Goal is null ? null : new SavingRef(e.Goal.Uuid, e.Goal.Name),
            e.Labels.Where(l => l.DeletedAt == null).OrderBy(l => l.Name).Select(l => new SavingLabel(l.Uuid, l.Name, l.Color)).ToList(),
            e.Version);
    }
}
