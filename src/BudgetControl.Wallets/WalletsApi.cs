using BudgetControl.Hosting;
using BudgetControl.Hosting.Cache;
using BudgetControl.Hosting.Api;
using BudgetControl.Wallets.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Wallets;

/// <summary>The module's route table (the original Gateway paths); handlers live in one file per feature.</summary>
internal static class WalletsApi
{
    public static void MapWalletsApi(this IEndpointRouteBuilder app)
    {
        // Every route works in the caller's workspace: foreign workspaces answer 404, viewers' writes 403.
        var wallets = app.MapGroup("/api/wallet").WithTags("Wallets").RequireWorkspace().WithTransientRetry();
        wallets.MapGet("/list", ListWallets.Handle).CacheReads();
        wallets.MapGet("/show/{uuid}", ShowWallet.Handle);
        wallets.MapPost("/create", CreateWallet.Handle).WithIdempotency();
        // The web app sends edits with their version and may send one again when the answer was lost (offline queue).
        wallets.MapPut("/update/{uuid}", UpdateWallet.Handle).WithIdempotency();
        wallets.MapDelete("/{uuid}", DeleteWallet.Handle);
        wallets.MapPatch("/archive/{uuid}", ArchiveWallet.Archive);
        wallets.MapPatch("/restore/{uuid}", ArchiveWallet.Restore);
        wallets.MapPatch("/sorting/{uuid}", SortWallet.Handle);
    }
}
