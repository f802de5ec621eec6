using System.Globalization;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;

namespace BudgetControl.Stats.Stats;

/// <summary>A range of whole local days in the workspace's time zone, both ends included.</summary>
internal readonly record struct DayRange(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>The calendar month of <paramref name="day"/>.</summary>
    public static DayRange MonthOf(DateOnly day)
    {
        var start = new DateOnly(day.Year, day.Month, 1);
        return new DayRange(start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// The period just before this one: the same number of whole months when the range is whole calendar
    /// months (March after February, not "N days earlier"), otherwise the same number of days.
    /// </summary>
    public DayRange Previous()
    {
        if (Start.Day == 1 && End.AddDays(1).Day == 1)
        {
            var months = (End.Year - Start.Year) * 12 + End.Month - Start.Month + 1;
            return new DayRange(Start.AddMonths(-months), Start.AddDays(-1));
        }
        return new DayRange(Start.AddDays(-Days), Start.AddDays(-1));
    }

    /// <summary>The UTC instants [start, end) this range covers in <paramref name="zone"/>.</summary>
    public (DateTime From, DateTime To) ToUtc(TimeZoneInfo zone) =>
        (LocalMidnight(Start, zone), LocalMidnight(End.AddDays(1), zone));

    private static DateTime LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change starts the day at the first instant that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

/// <summary>
/// Reads the date parameters the clients send (shared parser: <see cref="WorkspaceInfo.TryParseDay"/>):
/// <c>start_date</c>/<c>end_date</c> and <c>date_time[i][start|end]</c>. Every range is whole local days,
/// end included; without dates, the current month.
/// </summary>
internal static class StatsRange
{
    /// <summary>Longest range accepted (a bound keeps a request from reading decades of days).</summary>
    public const int MaxDays = 3700;

    public static DateOnly Today(WorkspaceInfo info, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, info.TimeZone));

    /// <summary><c>start_date</c>/<c>end_date</c>; each defaults to its end of the current month.</summary>
    public static DayRange? StartEnd(HttpRequest request, WorkspaceInfo info, TimeProvider clock, Validation validation)
    {
        var month = DayRange.MonthOf(Today(info, clock));
        var start = Day(request.Query["start_date"], "start_date", info, validation) ?? month.Start;
        var end = Day(request.Query["end_date"], "end_date", info, validation) ?? month.End;
        return validation.IsValid ? Checked(start, end, "end_date", validation) : null;
    }

    /// <summary>Every <c>date_time[i][start]</c>/<c>[end]</c> pair, in index order; none gives the current month.</summary>
    public static List<DayRange> Ranges(HttpRequest request, WorkspaceInfo info, TimeProvider clock, Validation validation)
    {
        var indexes = new SortedSet<int>();
        foreach (var key in request.Query.Keys)
        {
            if (key.StartsWith("date_time[", StringComparison.Ordinal) && key.IndexOf(']', StringComparison.Ordinal) is var close and > 10
                && int.TryParse(key.AsSpan(10, close - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < 100)
            {
                indexes.Add(i);
            }
        }
        if (indexes.Count == 0)
        {
            return [DayRange.MonthOf(Today(info, clock))];
        }
        var ranges = new List<DayRange>();
        foreach (var i in indexes)
        {
            var startField = $"date_time[{i}][start]";
            var endField = $"date_time[{i}][end]";
            var start = Day(request.Query[startField], startField, info, validation);
            var end = Day(request.Query[endField], endField, info, validation);
            if (start is null && !validation.Errors.ContainsKey(startField))
            {
                validation.Add(startField, "is required.");
            }
            if (end is null && !validation.Errors.ContainsKey(endField))
            {
                validation.Add(endField, "is required.");
            }
            if (start is { } s && end is { } e && Checked(s, e, endField, validation) is { } range)
            {
                ranges.Add(range);
            }
        }
        return ranges;
    }

    /// <summary>A range from two texts (request bodies); the current month when both are absent.</summary>
    public static DayRange? FromTexts(string? start, string? end, string startField, string endField, WorkspaceInfo info, TimeProvider clock, Validation validation)
    {
        var month = DayRange.MonthOf(Today(info, clock));
        var s = Day(start, startField, info, validation) ?? month.Start;
        var e = Day(end, endField, info, validation) ?? month.End;
        return validation.IsValid ? Checked(s, e, endField, validation) : null;
    }

    private static DayRange? Checked(DateOnly start, DateOnly end, string endField, Validation validation)
    {
        if (end < start)
        {
            validation.Add(endField, "must not be before the start.");
            return null;
        }
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            validation.Add(endField, $"must be at most {MaxDays} days after the start.");
            return null;
        }
        return new DayRange(start, end);
    }

    private static DateOnly? Day(string? text, string field, WorkspaceInfo info, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (info.TryParseDay(text, out var day))
        {
            return day;
        }
        validation.Add(field, "must be a date such as \"2026-3-5\" or \"2026-03-05\".");
        return null;
    }
}
