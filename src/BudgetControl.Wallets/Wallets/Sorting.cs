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
        var wallet = await db.Wallets.FindInWorkspaceAsync(scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAnswers.NotFound();
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
        var expected = Concurrency.Expected(http, input.Int("version"), validation, WalletAnswers.What);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, wallet))
        {
            return Concurrency.Stale(WalletAnswers.What);
        }
        wallet.Sorting = sorting!.Value;
        return await Concurrency.TrySaveAsync(db, ct) ? await WalletAnswers.OkAsync(wallet, db, http, ct) : Concurrency.Stale(WalletAnswers.What);
    }
}
