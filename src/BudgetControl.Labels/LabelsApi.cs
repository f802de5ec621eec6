using BudgetControl.Hosting;
using BudgetControl.Hosting.Cache;
using BudgetControl.Hosting.Api;
using BudgetControl.Labels.Labels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Labels;

/// <summary>The module's route table (the original Gateway paths); handlers live in one file per feature.</summary>
internal static class LabelsApi
{
    public static void MapLabelsApi(this IEndpointRouteBuilder app)
    {
        // Every route works in the caller's workspace: foreign workspaces answer 404, viewers' writes 403.
        var labels = app.MapGroup("/api/label").WithTags("Labels").RequireWorkspace().WithTransientRetry();
        labels.MapGet("/list", ListLabels.Handle).CacheReads();
        labels.MapGet("/{uuid}", GetLabel.Handle);
        labels.MapPost("/", CreateLabel.Handle).WithIdempotency();
        labels.MapPut("/{uuid}", UpdateLabel.Handle);
        labels.MapPatch("/{uuid}", ArchiveLabel.Handle);
        labels.MapDelete("/{uuid}", DeleteLabel.Handle);
    }
}
