using System.Globalization;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Cache;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// <c>PUT /api/workspace/update/{id}</c>: rename the workspace or change its settings; owner and admins only.
/// Absent fields stay as they are. <c>If-Match</c> or <c>version</c> (the document's <c>version</c>)
/// makes the update conditional: a stale one is a 409.
/// </summary>
internal static class UpdateWorkspace
{
    private const int NameMaxLength = 255;
    private const int DescriptionMaxLength = 2000;

    public static async Task<Results<Ok<WorkspaceDocument>, ValidationProblem, ProblemHttpResult>> Handle(
        string id, UpdateWorkspaceRequest? request, [FromHeader(Name = "If-Match")] string? ifMatch,
        CurrentUser user, BudgetDbContext db, WorkspaceVersions versions, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, id, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        if (membership.Role < WorkspaceRole.Admin)
        {
            return Problems.Forbidden("Only the owner or an admin can change this workspace.");
        }

        request ??= new UpdateWorkspaceRequest(null, null, null, null, null, null, null);
        var validation = new Validation();
        var headerVersion = ParseIfMatch(ifMatch, validation);
        if (request.Name is not null)
        {
            validation.Required("name", request.Name, NameMaxLength);
        }
        validation.MaxLength("description", request.Description, DescriptionMaxLength);
        var currency = SettingsInput.IsGiven(request.Currency)
            ? await SettingsInput.CurrencyAsync(db, request.Currency, ReferenceIds.DefaultCurrency, validation, "currency", ct)
            : null;
        var paymentTypeId = SettingsInput.IsGiven(request.PaymentType)
            ? await SettingsInput.PaymentTypeAsync(db, request.PaymentType, ReferenceIds.DefaultPaymentType, validation, "payment_type", ct)
            : null;
        var timeZone = request.TimeZone is null ? null : SettingsInput.TimeZone(request.TimeZone, validation, "time_zone");
        var locale = request.Locale is null ? null : SettingsInput.Locale(request.Locale, validation, "locale");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if ((headerVersion is { } h && h != workspace.Version) || (request.Version is { } v && v != workspace.Version))
        {
            return Problems.Conflict("The workspace was changed by someone else; reload it and try again.");
        }

        if (request.Name is not null)
        {
            workspace.Name = request.Name.Trim();
        }
        if (request.Description is not null)
        {
            workspace.Description = request.Description;
        }
        if (workspace.Settings is null)
        {
            // Rows imported from the original may lack settings; the update creates them, as the original did.
            workspace.Settings = new WorkspaceSettings();
        }
        var settings = workspace.Settings;
        var zoneChanged = timeZone is not null && timeZone != settings.TimeZone;
        settings.CurrencyId = currency?.Id ?? settings.CurrencyId;
        settings.PaymentTypeId = paymentTypeId ?? settings.PaymentTypeId;
        settings.TimeZone = timeZone ?? settings.TimeZone;
        settings.Locale = locale ?? settings.Locale;

        if (db.ChangeTracker.HasChanges())
        {
            // A settings-only change must bump the workspace's version too, since clients hold that one.
            db.Entry(workspace).Property(w => w.UpdatedAt).IsModified = true;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (zoneChanged)
            {
                // The statistics' days are local days: rebuild them in the new zone, in this transaction. The
                // wallets are locked first, one by one in id order as the ledger locks them (one UPDATE of all of
                // them would lock in the scan's order and could deadlock with an entry write), so no entry write
                // interleaves.
                var walletIds = await db.Wallets.IgnoreQueryFilters().Where(w => w.WorkspaceId == workspace.Id)
                    .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(ct);
                foreach (var walletId in walletIds)
                {
                    await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == walletId)
                        .ExecuteUpdateAsync(u => u.SetProperty(w => w.Balance, w => w.Balance), ct);
                }
                await EntryDayTotals.RebuildWorkspaceAsync(db, workspace.Id, ct);
            }
            await tx.CommitAsync(ct);
            WorkspaceInfo.Forget(db, workspace.Id);
            // Cached reads (stats in the base currency, the workspace's settings) must not outlive the change.
            await versions.BumpAsync(workspace.Id);
        }
        var document = await WorkspaceDocument.LoadAsync(db, workspace.Uuid, user, ct);
        return document is null ? WorkspaceAccess.NotFound() : TypedResults.Ok(document);
    }

    /// <summary>The version an <c>If-Match</c> header expects (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>); null when absent or <c>*</c>.</summary>
    private static int? ParseIfMatch(string? ifMatch, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return null;
        }
        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }
        if (int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        validation.Add("If-Match", "must be the workspace's version, e.g. \"3\".");
        return null;
    }
}

/// <summary>Every field is optional; <c>version</c> is the alternative to <c>If-Match</c>.</summary>
internal sealed record UpdateWorkspaceRequest(
    string? Name, string? Description, JsonElement? Currency, JsonElement? PaymentType, string? TimeZone, string? Locale, int? Version);
