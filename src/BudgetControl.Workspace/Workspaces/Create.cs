using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary><c>POST /api/workspace/create</c>: a new workspace owned by the caller, with settings and a first wallet.</summary>
internal static class CreateWorkspace
{
    public static async Task<Results<Created<WorkspaceDocument>, ValidationProblem, ProblemHttpResult>> Handle(
        CreateWorkspaceRequest? request, CurrentUser user, WorkspaceCreator creator, BudgetDbContext db, CancellationToken ct)
    {
        var outcome = await creator.CreateAsync(user, request, ct);
        if (outcome.Workspace is not { } workspace)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }
        var document = await WorkspaceDocument.LoadAsync(db, workspace.Uuid, user, ct);
        return document is null
            ? WorkspaceAccess.NotFound()
            : TypedResults.Created($"/api/workspace/{workspace.Uuid}", document);
    }
}

/// <summary>The original create payload; <c>shareWith</c> keeps the original's camelCase key.</summary>
internal sealed record CreateWorkspaceRequest(
    WorkspaceInput? Workspace,
    WalletInput? Wallet,
    [property: JsonPropertyName("shareWith")] List<string>? ShareWith);

/// <summary><c>currency</c>: id, numeric string or ISO code; <c>payment_type</c>: id (or slug).</summary>
internal sealed record WorkspaceInput(
    string? Name, string? Description, JsonElement? Currency, JsonElement? PaymentType, string? TimeZone, string? Locale);

/// <summary>The first wallet; <c>balance</c> is an exact decimal amount in the wallet's currency.</summary>
internal sealed record WalletInput(
    string? Name, string? Type, string? Color, JsonElement? Currency, decimal? Balance, bool? ExcludeFromStats);
