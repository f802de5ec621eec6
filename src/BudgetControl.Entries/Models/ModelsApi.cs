using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries.Models;

/// <summary>Models, i.e. entry templates, under <c>/api/entry/model</c> (the entries group's policies apply).</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder entries)
    {
        var models = entries.MapGroup("/model");
        models.MapGet("", ModelLists.ListAsync);
        models.MapGet("/{uuid}", ModelLists.ShowAsync);
        models.MapPost("", ModelWrites.CreateAsync).WithIdempotency();
        models.MapPut("/{uuid}", ModelWrites.UpdateAsync).WithIdempotency();
        models.MapDelete("/{uuid}", ModelWrites.DeleteAsync).WithIdempotency();
        return entries;
    }
}
