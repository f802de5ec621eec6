using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BudgetControl.Wallets.Wallets;

/// <summary><c>PATCH /api/wallet/sorting/{uuid}</c> with <c>{sorting: int}</c>: the wallet's display position.</summary>
internal static class SortWallet
{
    public static async Task<Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, [FromBody] JsonElement body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await WalletAccess.FindAsync(db, scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAccess.NotFound();
        }
        var validation = new Validation();
        if (JsonBody.Open(body, validation) is not { } input)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var sorting = input.Int("sorting");
        if (sorting is null && !input.Failed("sorting"))
        {
            validation.Add("sorting", "is required.");
        }
        if (!Concurrency.TryExpectedVersion(http, input.Int("version"), out var expected))
        {
            validation.Add("If-Match", "must be the wallet's version, e.g. \"3\".");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (expected is { } version && version != wallet.Version)
        {
            return WalletAccess.Stale();
        }
        wallet.Sorting = sorting!.Value;
        return await WalletAccess.TrySaveAsync(db, ct) ? await WalletAccess.OkAsync(wallet, db, http, ct) : WalletAccess.Stale();
    }
}
