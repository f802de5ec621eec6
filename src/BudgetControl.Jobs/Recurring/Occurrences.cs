using BudgetControl.Data.Entities;

namespace BudgetControl.Jobs.Recurring;

/// <summary>
/// The occurrences of a plan, computed from its anchor (first date) and never chained: the n-th monthly
/// occurrence of Jan 31 is Jan 31 + n months, clamped to the month's end (Feb 28/29, then Mar 31 again).
/// Dates are calendar days in the workspace's time zone; the time of day is the anchor's, there.
/// </summary>
internal static class Occurrences
{
    /// <summary>The <paramref name="n"/>-th occurrence (0 = the anchor), or null past the plan's last one.</summary>
    public static DateOnly? Nth(DateOnly anchor, Planning planning, int n) => planning switch
    {
        Planning.Daily => anchor.AddDays(n),
        Planning.Weekly => anchor.AddDays(7 * n),
        Planning.Monthly => anchor.AddMonths(n),
        Planning.Yearly => anchor.AddYears(n),
        _ => n == 0 ? anchor : null,
    };

    /// <summary>
    /// The occurrences after <paramref name="after"/> (exclusive; null: from the anchor) whose instant is at or
    /// before <paramref name="nowUtc"/> and <paramref name="endUtc"/>, in order, at most <paramref name="limit"/>.
    /// </summary>
    public static IEnumerable<(DateOnly Date, DateTime Utc)> Due(DateTime startUtc, Planning planning, DateTime? endUtc, TimeZoneInfo zone, DateOnly? after, DateTime nowUtc, int limit)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var anchor = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var n = after is { } last ? FirstIndexAfter(anchor, planning, last) : 0;
        var count = 0;
        for (; count < limit; n++)
        {
            if (Nth(anchor, planning, n) is not { } date)
            {
                yield break;
            }
            var utc = ToUtc(date.ToDateTime(time), zone);
            if (utc > nowUtc || (endUtc is { } end && utc > end))
            {
                yield break;
            }
            count++;
            yield return (date, utc);
        }
    }

    /// <summary>The index of the first occurrence after <paramref name="last"/>, without walking from the anchor for daily and weekly plans.</summary>
    private static int FirstIndexAfter(DateOnly anchor, Planning planning, DateOnly last)
    {
        var days = last.DayNumber - anchor.DayNumber;
        var n = planning switch
        {
            Planning.Daily => Math.Max(0, days),
            Planning.Weekly => Math.Max(0, days / 7),
            Planning.Monthly => Math.Max(0, (last.Year - anchor.Year) * 12 + last.Month - anchor.Month - 1),
            Planning.Yearly => Math.Max(0, last.Year - anchor.Year - 1),
            _ => 0,
        };
        while (Nth(anchor, planning, n) is { } date && date <= last)
        {
            n++;
        }
        return n;
    }

    /// <summary>Local time to UTC; a time skipped by a daylight-saving jump moves forward by the jump.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
