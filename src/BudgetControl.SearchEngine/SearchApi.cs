using BudgetControl.SearchEngine.Search;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.SearchEngine;

/// <summary>The module's route table (the original Gateway path, <c>POST /api/find?page=&amp;per_page=</c>).</summary>
internal static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app)
    {
        var find = app.MapGroup("/api/find").WithTags("Search").RequireWorkspace().WithTransientRetry();
        find.MapPost("", Find.Handle);
    }
}
