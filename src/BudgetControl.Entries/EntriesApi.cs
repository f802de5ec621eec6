using BudgetControl.Data;
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

/// <summary>The entries route table (original-core §6.1 through the gateway paths of §2.2).</summary>
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
        var entries = app.MapGroup("/api/entry").WithTags("Entries").RequireWorkspace();

        entries.MapGet("", (HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) =>
            EntryLists.ListAsync(null, null, http, scope, db, ct));
        entries.MapGet("/transfer", (HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) =>
            EntryLists.ListAsync(EntryType.Transfer, null, http, scope, db, ct));
        entries.MapGet("/transfer/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct) =>
            EntryLists.ShowAsync(EntryType.Transfer, uuid, scope, db, http, ct));
        entries.MapPost("/transfer", (EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => TransferWrites.CreateAsync(new TransferRequestContext(scope, db, clock, http), request, ct))).WithIdempotency();
        entries.MapPut("/transfer/{uuid}", (string uuid, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => TransferWrites.UpdateAsync(uuid, request, scope, db, clock, http, ct)));
        entries.MapDelete("/transfer/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => EntryWrites.DeleteAsync(EntryType.Transfer, uuid, scope, db, clock, ct)));

        foreach (var (path, type) in Typed)
        {
            entries.MapGet($"/{path}", (HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) =>
                EntryLists.ListAsync(type, null, http, scope, db, ct));
            entries.MapGet($"/{path}/{{uuid}}", (string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct) =>
                EntryLists.ShowAsync(type, uuid, scope, db, http, ct));
            entries.MapPost($"/{path}", (EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
                TransientRetry.RunAsync(db, () => EntryWrites.CreateAsync(type, request, scope, db, clock, http, ct))).WithIdempotency();
            entries.MapPut($"/{path}/{{uuid}}", (string uuid, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
                TransientRetry.RunAsync(db, () => EntryWrites.UpdateAsync(type, uuid, request, scope, db, clock, http, ct)));
            entries.MapDelete($"/{path}/{{uuid}}", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
                TransientRetry.RunAsync(db, () => EntryWrites.DeleteAsync(type, uuid, scope, db, clock, ct)));
        }

        // Templates and recurring plans: literal segments, mapped before the generic /{uuid} routes below.
        entries.MapModels();
        entries.MapPlanned();

        // Savings of one goal (the original's gateway route, broken there).
        entries.MapGet("/{goalUuid:guid}/saving", (Guid goalUuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) =>
            EntryLists.ListAsync(EntryType.Saving, goalUuid, http, scope, db, ct));

        entries.MapGet("/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct) =>
            EntryLists.ShowAsync(null, uuid, scope, db, http, ct));
        // The original routed this to a method that did not exist; here it updates the entry as its stored type.
        entries.MapPut("/{uuid}", (string uuid, EntryRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => EntryWrites.UpdateAsync(null, uuid, request, scope, db, clock, http, ct)));
        entries.MapDelete("/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => EntryWrites.DeleteAsync(null, uuid, scope, db, clock, ct)));
        entries.MapPatch("/{uuid}/restore", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => EntryWrites.RestoreAsync(uuid, scope, db, clock, ct)));
    }
}
