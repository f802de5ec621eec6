using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BudgetControl.Entries.Entries;

/// <summary>What every entry handler needs besides its route values and body; bound with <c>[AsParameters]</c>.</summary>
/// <remarks>
/// <c>[FromServices]</c>: the Request Delegate Generator cannot tell a service from a JSON body at build time; without it
/// the endpoints would accept (and require) a JSON body, and a GET without one would match no route.
/// </remarks>
internal sealed record EntryContext(WorkspaceScope Scope, [FromServices] BudgetDbContext Db, [FromServices] TimeProvider Clock, HttpContext Http, CancellationToken Ct);

/// <summary>
/// The entry type a route stands for (<c>/api/entry/expense</c>, <c>/income</c>, ...; null for the untyped
/// <c>/api/entry/{uuid}</c> routes). Set as endpoint metadata where the route is mapped and bound from
/// there, so one handler serves every type.
/// </summary>
internal sealed record RouteType(EntryType? Type)
{
    public static ValueTask<RouteType?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<RouteType?>(http.GetEndpoint()?.Metadata.GetMetadata<RouteType>() ?? new RouteType((EntryType?)null));
}
