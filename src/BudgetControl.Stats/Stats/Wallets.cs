using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Stats.Stats;

/// <summary>A wallet for the dashboard's strip: balance in its own currency, with the currency object.</summary>
internal sealed record StatsWallet(
    Guid Uuid, string Name, string? Color, string Type, decimal Balance, decimal? BaseBalance, StatsCurrency Currency,
    bool Installement, decimal? InstallementValue, bool ExcludeFromStats, bool Archived, int Sorting, decimal? VoucherValue)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal sealed record StatsCurrency(int Id, string Name, string Label, string Icon, string Slug);

/// <summary><c>GET /api/stats/wallets</c>: the live wallets of the workspace in their sorting order.</summary>
internal static class StatsWallets
{
    public static async Task<Ok<List<StatsWallet>>> Handle(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var wallets = await data.WalletsAsync(ct);
        return TypedResults.Ok(wallets.Select(w =>
        {
            var c = ReferenceData.CurrencyById(w.Wallet.CurrencyId);
            var units = c?.MinorUnits ?? 2;
            return new StatsWallet(w.Wallet.Uuid, w.Wallet.Name, w.Wallet.Color, w.Wallet.Type.Name(),
                MoneyFormat.ToDecimal(w.Wallet.Balance, units), w.BaseBalance is { } b ? data.Money(b) : null,
                new StatsCurrency(w.Wallet.CurrencyId, c?.Name ?? "", c?.Label ?? "", c?.Icon ?? "", c?.Slug ?? ""),
                w.Wallet.Installement, w.Wallet.InstallementValue is { } i ? MoneyFormat.ToDecimal(i, units) : null,
                w.Wallet.ExcludeFromStats, w.Wallet.Archived, w.Wallet.Sorting,
                w.Wallet.VoucherValue is { } v ? MoneyFormat.ToDecimal(v, units) : null);
        }).ToList());
    }
}
