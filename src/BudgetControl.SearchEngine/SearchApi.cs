using BudgetControl.SearchEngine.Search;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Cache;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.SearchEngine;

/// <summary>The module's route table (the original Gateway path, <c>POST /api/find?page=&amp;per_page=</c>).</summary>
internal static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app)
    {
        // A POST that only reads: it must not bump the workspace's version (cached reads, the search's names).
        var find = app.MapGroup("/api/find").WithTags("Search").RequireWorkspace().OnlyReads().WithTransientRetry();
        find.MapPost("", Find.Handle);
    }
}
