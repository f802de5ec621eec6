using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Entries.Models;
using BudgetControl.Entries.Planned;
using BudgetControl.Entries.Transfers;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries;

/// <summary>
/// The entries route table (the original Gateway paths); handlers live in one file per feature. Typed
/// routes share one handler each: the route's <see cref="RouteType"/> is endpoint metadata.
/// </summary>
internal static class EntriesApi
{
    private static readonly (string Path, EntryType Type)[] Typed =
    [
        ("expense", EntryType.Expenses),
        ("income", EntryType.Incoming),
        ("debit", EntryType.Debit),
        ("saving", EntryType.Saving),
    ];

    public static void MapEntriesApi(this IEndpointRouteBuilder app)
    {
        // Every route works in the caller's workspace; a write the database aborted for a transient reason runs again.
        var entries = app.MapGroup("/api/entry").WithTags("Entries").RequireWorkspace().WithTransientRetry();

        entries.MapGet("", ListEntries.Handle);
        var transfer = new RouteType(EntryType.Transfer);
        entries.MapGet("/transfer", ListEntries.Handle).WithMetadata(transfer);
        entries.MapGet("/transfer/{uuid}", ShowEntry.Handle).WithMetadata(transfer);
        entries.MapPost("/transfer", CreateTransfer.Handle).WithIdempotency();
        entries.MapPut("/transfer/{uuid}", UpdateTransfer.Handle).WithIdempotency();
        entries.MapDelete("/transfer/{uuid}", DeleteEntry.Handle).WithMetadata(transfer).WithIdempotency();

        foreach (var (path, type) in Typed)
        {
            var route = new RouteType(type);
            entries.MapGet($"/{path}", ListEntries.Handle).WithMetadata(route);
            entries.MapGet($"/{path}/{{uuid}}", ShowEntry.Handle).WithMetadata(route);
            entries.MapPost($"/{path}", CreateEntry.Handle).WithMetadata(route).WithIdempotency();
            entries.MapPut($"/{path}/{{uuid}}", UpdateEntry.Handle).WithMetadata(route).WithIdempotency();
            entries.MapDelete($"/{path}/{{uuid}}", DeleteEntry.Handle).WithMetadata(route).WithIdempotency();
        }

        // Templates and recurring plans: literal segments, mapped before the generic /{uuid} routes below.
        entries.MapModels();
        entries.MapPlanned();

        entries.MapGet("/{goalUuid:guid}/saving", ListEntries.Savings);
        entries.MapGet("/{uuid}", ShowEntry.Handle);
        entries.MapPut("/{uuid}", UpdateEntry.Handle).WithIdempotency();
        entries.MapDelete("/{uuid}", DeleteEntry.Handle).WithIdempotency();
        entries.MapPatch("/{uuid}/restore", DeleteEntry.Restore).WithIdempotency();
    }
}
