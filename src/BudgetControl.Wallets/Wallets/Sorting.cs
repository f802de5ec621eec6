using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Wallets.Wallets;

/// <summary><c>PATCH /api/wallet/sorting/{uuid}</c> with <c>{sorting: int}</c>: the wallet's display position.</summary>
internal static class SortWallet
{
    public static async Task<Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, SortRequest body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var wallet = await db.Wallets.FindInWorkspaceAsync(scope, uuid, ct);
        if (wallet is null)
        {
            return WalletAnswers.NotFound();
        }
        var validation = new Validation();
        var sorting = body.Sorting.Check(validation, "sorting", "must be a whole number.") ? body.Sorting.Value : null;
        if (sorting is null && !validation.Has("sorting"))
        {
            validation.Add("sorting", "is required.");
        }
        var expected = Concurrency.Expected(http, body.Version, validation, WalletAnswers.What);
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

/// <summary>The body of <c>PATCH /api/wallet/sorting/{uuid}</c>; <c>version</c> is the alternative to <c>If-Match</c>.</summary>
internal sealed record SortRequest(Optional<int?> Sorting, int? Version);
