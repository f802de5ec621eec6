using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Api;

/// <summary>The settings a money-moving request needs: base currency and time zone of the workspace.</summary>
public sealed record WorkspaceInfo(int WorkspaceId, int BaseCurrencyId, int BaseMinorUnits, string BaseCurrencyCode, TimeZoneInfo TimeZone, int DefaultPaymentTypeId)
{
    public static async Task<WorkspaceInfo> LoadAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var settings = await db.WorkspaceSettings.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new { s.CurrencyId, s.TimeZone, s.PaymentTypeId })
            .FirstOrDefaultAsync(ct);
        // The currency is static reference data, read from memory.
        var currency = settings is null ? null : Data.Reference.ReferenceData.CurrencyById(settings.CurrencyId);
        var zone = settings is not null && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return settings is null || currency is null
            ? new WorkspaceInfo(workspaceId, Data.Entities.ReferenceIds.DefaultCurrency, 2, "EUR", zone, Data.Entities.ReferenceIds.DefaultPaymentType)
            : new WorkspaceInfo(workspaceId, settings.CurrencyId, currency.MinorUnits, currency.Label, zone, settings.PaymentTypeId);
    }

    /// <summary>
    /// The UTC instant of a client's date: an explicit offset is honoured; a date without one is a local
    /// time in the workspace's time zone (the original compared UTC wall-clock strings).
    /// </summary>
    public bool TryParseInstant(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var styles = System.Globalization.DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles | System.Globalization.DateTimeStyles.AssumeUniversal, out var withOffset)
            && HasOffset(text))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }
        if (DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            // A local time that does not exist (spring-forward gap) moves forward by the gap.
            if (TimeZone.IsInvalidTime(unspecified))
            {
                unspecified = unspecified.AddHours(1);
            }
            utc = TimeZoneInfo.ConvertTimeToUtc(unspecified, TimeZone);
            return true;
        }
        return false;
    }

    /// <summary>The instant shown in the workspace's time zone, ISO 8601 with offset (the original's ATOM format).</summary>
    public string Format(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        if (t.EndsWith('Z') || t.EndsWith('z'))
        {
            return true;
        }
        var timePart = t.Contains('T', StringComparison.Ordinal) ? t[(t.IndexOf('T', StringComparison.Ordinal) + 1)..] : t.Contains(' ', StringComparison.Ordinal) ? t[(t.IndexOf(' ', StringComparison.Ordinal) + 1)..] : "";
        return timePart.Contains('+', StringComparison.Ordinal) || timePart.Contains('-', StringComparison.Ordinal);
    }
}
