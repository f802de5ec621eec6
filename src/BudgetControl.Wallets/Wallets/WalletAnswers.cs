using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Wallets.Wallets;

/// <summary>The answers every wallet handler shares.</summary>
internal static class WalletAnswers
{
    public const string What = "wallet";

    public static ProblemHttpResult NotFound() => Problems.NotFound("The wallet");

    /// <summary>200 with the wallet and its version as ETag.</summary>
    public static async Task<Ok<WalletResponse>> OkAsync(Wallet wallet, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var response = await wallet.ToResponseAsync(db, ct);
        Concurrency.SetETag(http, wallet.Version);
        return TypedResults.Ok(response);
    }
}
