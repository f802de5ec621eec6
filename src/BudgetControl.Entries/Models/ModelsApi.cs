using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries.Models;

/// <summary>Models, i.e. entry templates (original-core §6.1 and §6.6), under <c>/api/entry/model</c>.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder entries)
    {
        var models = entries.MapGroup("/model");
        models.MapGet("", ModelLists.ListAsync);
        models.MapGet("/{uuid}", ModelLists.ShowAsync);
        models.MapPost("", (ModelRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => ModelWrites.CreateAsync(request, scope, db, clock, http, ct))).WithIdempotency();
        models.MapPut("/{uuid}", (string uuid, ModelRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => ModelWrites.UpdateAsync(uuid, request, scope, db, clock, http, ct)));
        models.MapDelete("/{uuid}", (string uuid, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
            TransientRetry.RunAsync(db, () => ModelWrites.DeleteAsync(uuid, scope, db, clock, ct)));
        return entries;
    }
}
