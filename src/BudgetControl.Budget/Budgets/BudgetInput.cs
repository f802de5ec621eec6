using System.Net.Mail;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Budget.Budgets;

/// <summary>
/// The body of create and update (the original form: <c>configuration</c> holds the period and filters;
/// <c>accounts</c> or <c>wallets</c>, <c>tags</c> or <c>labels</c> are the same filter under its two names).
/// Lists are read as JSON so a wrong shape is a 400 naming the field.
/// </summary>
internal sealed record BudgetRequest(
    string? Name, string? Description, decimal? Amount, BudgetConfigurationRequest? Configuration, JsonElement? Notification,
    JsonElement? Emails, JsonElement? Thresholds, int? Version);

internal sealed record BudgetConfigurationRequest(
    string? Period, string? PeriodStart, string? PeriodEnd, JsonElement? Accounts, JsonElement? Wallets, JsonElement? Categories,
    JsonElement? Tags, JsonElement? Labels, JsonElement? Types, JsonElement? IncludePlanned);

/// <summary>A checked request: every field resolved against the caller's workspace.</summary>
internal sealed record BudgetFields(string Name, string? Description, long Amount, BudgetConfig Configuration, bool Notification, List<string> Emails);

internal static class BudgetInput
{
    public const int NameMaxLength = 255;
    public const int DescriptionMaxLength = 2000;

    public static async Task<BudgetFields?> ReadAsync(BudgetRequest request, WorkspaceScope scope, WorkspaceInfo info, BudgetDbContext db, Validation validation, CancellationToken ct)
    {
        validation.Required("name", request.Name, NameMaxLength);
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        validation.MaxLength("description", description, DescriptionMaxLength);
        long amount = 0;
        if (request.Amount is not { } value)
        {
            validation.Add("amount", "is required.");
        }
        else if (value <= 0)
        {
            validation.Add("amount", "must be greater than 0.");
        }
        else if (!MoneyFormat.TryToMinor(value, info.BaseMinorUnits, out amount))
        {
            validation.Add("amount", $"must be an exact amount of {info.BaseCurrencyCode} (at most {info.BaseMinorUnits} decimals).");
        }

        var config = request.Configuration;
        if (config is null)
        {
            validation.Add("configuration", "is required: { period, accounts, categories, tags, types }.");
        }
        var period = PeriodNames.Parse(config?.Period);
        if (config is not null && period is null)
        {
            validation.Add("configuration.period", $"must be one of: {PeriodNames.Allowed}.");
        }
        DateOnly? start = null, end = null;
        if (period == BudgetPeriod.OneShot)
        {
            start = Day(config!.PeriodStart, "configuration.period_start", info, validation);
            end = Day(config.PeriodEnd, "configuration.period_end", info, validation);
            if (start is { } s && end is { } e && e < s)
            {
                validation.Add("configuration.period_end", "must not be before period_start.");
            }
        }

        var walletField = config?.Accounts is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } ? "configuration.accounts" : "configuration.wallets";
        var wallets = BodyLists.Uuids(config?.Accounts is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } ? config.Accounts : config?.Wallets, walletField, validation) ?? [];
        var labelField = config?.Tags is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } ? "configuration.tags" : "configuration.labels";
        var labels = BodyLists.Uuids(config?.Tags is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } ? config.Tags : config?.Labels, labelField, validation) ?? [];
        var categories = BodyLists.Ints(config?.Categories, "configuration.categories", validation) ?? [];
        var types = BodyLists.Strings(config?.Types, "configuration.types", validation) ?? [];
        foreach (var type in types)
        {
            if (!EnumNames.TryParse(type, out EntryType _))
            {
                validation.Add("configuration.types", "must list entry types: expenses, incoming, debit, transfer, saving.");
                break;
            }
        }
        // Absent or null: the defaults; an empty list: none.
        var thresholds = request.Thresholds is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) }
            ? BodyLists.Ints(request.Thresholds, "thresholds", validation) ?? []
            : [.. BudgetConfig.DefaultThresholds];
        if (thresholds.Any(t => t is < 1 or > 100) || thresholds.Distinct().Count() != thresholds.Count)
        {
            validation.Add("thresholds", "must be distinct percentages from 1 to 100.");
        }
        var notification = Flag(request.Notification, "notification", validation);
        var includePlanned = Flag(config?.IncludePlanned, "configuration.include_planned", validation);
        var emails = (BodyLists.Strings(request.Emails, "emails", validation) ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // Filters must name this workspace's rows (another workspace's uuids are unknown here).
        if (wallets.Count > 0)
        {
            var known = await db.Wallets.IdsOfAsync(scope.WorkspaceId, wallets.Distinct().ToList(), ct);
            if (known.Count != wallets.Distinct().Count())
            {
                validation.Add(walletField, "must list wallets of this workspace.");
            }
        }
        if (labels.Count > 0)
        {
            var known = await db.Labels.IdsOfAsync(scope.WorkspaceId, labels.Distinct().ToList(), ct);
            if (known.Count != labels.Distinct().Count())
            {
                validation.Add(labelField, "must list labels of this workspace.");
            }
        }
        if (!categories.TrueForAll(ReferenceData.IsSubCategory))
        {
            validation.Add("configuration.categories", "must list sub-category ids.");
        }
        if (emails.Count > 0)
        {
            if (emails.Any(e => !MailAddress.TryCreate(e, out _)))
            {
                validation.Add("emails", "must be e-mail addresses.");
            }
            else
            {
                var members = await db.WorkspaceMembers.AsNoTracking().Where(m => m.WorkspaceId == scope.WorkspaceId)
                    .Select(m => m.User!.Email).ToListAsync(ct);
                if (emails.Any(e => !members.Contains(e, StringComparer.OrdinalIgnoreCase)))
                {
                    validation.Add("emails", "must be addresses of members of this workspace.");
                }
            }
        }
        if (!validation.IsValid)
        {
            return null;
        }
        var configuration = new BudgetConfig(PeriodNames.Name(period!.Value), start, end, [.. wallets.Distinct()], [.. categories.Distinct()],
            [.. labels.Distinct()], types.Select(t => EnumNames.TryParse(t, out EntryType x) ? x.Name() : t).Distinct().ToList(), [.. thresholds.Order()], includePlanned);
        return new BudgetFields(request.Name!.Trim(), description, amount, configuration, notification, emails);
    }

    private static DateOnly? Day(string? text, string field, WorkspaceInfo info, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add(field, "is required for a one-shot budget.");
            return null;
        }
        if (info.TryParseDay(text, out var day))
        {
            return day;
        }
        validation.Add(field, "must be a date such as \"2026-11-01\".");
        return null;
    }

    /// <summary>The notification flag, read leniently as everywhere (<see cref="LenientBoolean"/>); absent or null is off.</summary>
    private static bool Flag(JsonElement? value, string field, Validation validation)
    {
        if (value is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            return false;
        }
        if (LenientBoolean.TryRead(element, out var flag))
        {
            return flag;
        }
        validation.Add(field, LenientBoolean.Expected);
        return false;
    }
}
