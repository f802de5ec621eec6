using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries.Planned;

/// <summary>Planned (recurring) entries (original-core §6.1 and §6.6), under <c>/api/entry/planned</c>.</summary>
internal static class PlannedApi
{
    public static RouteGroupBuilder MapPlanned(this RouteGroupBuilder entries)
    {
        var planned = entries.MapGroup("/planned");
        planned.MapGet("", PlannedLists.ListAsync);
        planned.MapGet("/{uuid}", PlannedLists.ShowAsync);
        // A retried create must not plan the same money twice.
        planned.MapPost("", (PlannedRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => PlannedWrites.CreateAsync(request, scope, db, clock, http, ct))).WithIdempotency();
        planned.MapPut("/{uuid}", (string uuid, PlannedRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => PlannedWrites.UpdateAsync(uuid, request, scope, db, clock, http, ct)));
        planned.MapDelete("/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => PlannedWrites.DeleteAsync(uuid, scope, db, clock, ct)));
        return entries;
    }
}
