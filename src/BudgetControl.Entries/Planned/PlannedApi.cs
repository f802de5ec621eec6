using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries.Planned;

/// <summary>Planned (recurring) entries under <c>/api/entry/planned</c> (the entries group's policies apply).</summary>
internal static class PlannedApi
{
    public static RouteGroupBuilder MapPlanned(this RouteGroupBuilder entries)
    {
        var planned = entries.MapGroup("/planned");
        planned.MapGet("", PlannedLists.ListAsync);
        planned.MapGet("/{uuid}", PlannedLists.ShowAsync);
        // A retried create must not plan the same money twice.
        planned.MapPost("", PlannedWrites.CreateAsync).WithIdempotency();
        planned.MapPut("/{uuid}", PlannedWrites.UpdateAsync).WithIdempotency();
        planned.MapDelete("/{uuid}", PlannedWrites.DeleteAsync).WithIdempotency();
        return entries;
    }
}
