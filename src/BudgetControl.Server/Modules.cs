using BudgetControl.Authentication;
using BudgetControl.Budget;
using BudgetControl.Core;
using BudgetControl.Debt;
using BudgetControl.Entries;
using BudgetControl.Gateway;
using BudgetControl.Goals;
using BudgetControl.Jobs;
using BudgetControl.Labels;
using BudgetControl.Savings;
using BudgetControl.SearchEngine;
using BudgetControl.Stats;
using BudgetControl.Wallets;
using BudgetControl.Workspace;

namespace BudgetControl.Server;

/// <summary>
/// A service module the server can host: how to register it and how to map its endpoints.
/// <paramref name="OnlyByName"/> modules (the gateway) are not part of "all": they run only when named.
/// </summary>
internal sealed record ServiceModule(string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map, bool OnlyByName = false);

/// <summary>
/// Every module this executable can compose. <c>Modules</c> in configuration picks them
/// ("all", the default, or a comma-separated list such as "workspace" or "entries,wallets"; "gateway" for the edge of the split topology).
/// </summary>
internal static class Modules
{
    public const string Authentication = "authentication";
    public const string Gateway = "gateway";

    public static IReadOnlyList<ServiceModule> All { get; } =
    [
        new(Authentication, b => b.AddAuthenticationModule(), a => a.MapAuthenticationModule()),
        new("core", b => b.AddCoreModule(), a => a.MapCoreModule()),
        new("workspace", b => b.AddWorkspaceModule(), a => a.MapWorkspaceModule()),
        new("stats", b => b.AddStatsModule(), a => a.MapStatsModule()),
        new("budget", b => b.AddBudgetModule(), a => a.MapBudgetModule()),
        new("entries", b => b.AddEntriesModule(), a => a.MapEntriesModule()),
        new("wallets", b => b.AddWalletsModule(), a => a.MapWalletsModule()),
        new("labels", b => b.AddLabelsModule(), a => a.MapLabelsModule()),
        new("searchengine", b => b.AddSearchEngineModule(), a => a.MapSearchEngineModule()),
        new("debt", b => b.AddDebtModule(), a => a.MapDebtModule()),
        new("savings", b => b.AddSavingsModule(), a => a.MapSavingsModule()),
        new("goals", b => b.AddGoalsModule(), a => a.MapGoalsModule()),
        // The worker writes entries through the entries module's ledger and reads budget figures from the budget
        // module, also when it runs alone (Modules=jobs).
        new("jobs", b => { b.Services.AddScheduledEntries().AddBudgetAlertFigures(); b.AddJobsModule(); }, a => a.MapJobsModule()),
        // The split topology's edge (YARP): forwards to the other processes, so it never joins "all".
        new(Gateway, b => b.AddGatewayModule(), a => a.MapGatewayModule(), OnlyByName: true),
    ];

    public static IReadOnlyList<ServiceModule> Select(string? names)
    {
        if (string.IsNullOrWhiteSpace(names) || names.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return All.Where(m => !m.OnlyByName).ToList();
        }
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => !All.Any(m => m.Name.Equals(w, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Unknown module(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", All.Select(m => m.Name))}.");
        }
        return All.Where(m => wanted.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
