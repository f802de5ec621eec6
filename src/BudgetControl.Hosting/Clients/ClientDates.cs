using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetControl.Hosting.Clients;

/// <summary>A date as a client wrote it: the calendar fields, an optional time and an optional UTC offset.</summary>
public readonly record struct ClientDate(DateOnly Day, TimeOnly? Time, TimeSpan? Offset, bool Zulu = false)
{
    /// <summary>The instant: an explicit offset is honoured, otherwise the wall-clock time is read in <paramref name="zone"/>.</summary>
    public DateTime ToUtc(TimeZoneInfo zone)
    {
        var local = Day.ToDateTime(Time ?? TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (Offset is { } offset)
        {
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        // A local time that does not exist (spring-forward gap) moves forward by the gap.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>
    /// The calendar day meant in <paramref name="zone"/>. A UTC instant written with <c>Z</c> is what
    /// <c>JSON.stringify</c> makes of a local date (a midnight east of UTC is <c>2027-06-14T22:00:00.000Z</c>):
    /// it is the day it falls on in the zone (2027-06-15 in Europe/Rome). A date written with a numeric offset
    /// (the original's ATOM output, <c>2025-02-05T00:00:00+01:00</c>) or without one is the day written.
    /// </summary>
    public DateOnly ToDay(TimeZoneInfo zone) =>
        Zulu ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(ToUtc(zone), zone)) : Day;
}

/// <summary>
/// The one parser of client dates, used by every module. Accepts what the original clients send:
/// ISO 8601 date-times (<c>T</c> or a space, optional seconds and fractional seconds, <c>Z</c> or an
/// offset such as <c>+01:00</c>/<c>+0100</c>/<c>+01</c>), plain dates <c>yyyy-MM-dd</c>, unpadded dates
/// <c>2026-3-5</c>, and <c>/</c> as the separator (<c>2026/11/01</c>). Nothing else (no locale formats).
/// </summary>
public static partial class ClientDates
{
    [GeneratedRegex(@"^(?<y>\d{4})[-/](?<m>\d{1,2})[-/](?<d>\d{1,2})(?:[Tt ](?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out ClientDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        var year = Int(match, "y");
        var month = Int(match, "m");
        var day = Int(match, "d");
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        TimeOnly? time = null;
        if (match.Groups["h"].Success)
        {
            var hour = Int(match, "h");
            var minute = Int(match, "min");
            var second = match.Groups["s"].Success ? Int(match, "s") : 0;
            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }
            var ticks = 0L;
            if (match.Groups["f"].Success)
            {
                // Fractions beyond 100 ns (ticks) are dropped.
                var fraction = match.Groups["f"].Value.PadRight(7, '0')[..7];
                ticks = long.Parse(fraction, CultureInfo.InvariantCulture);
            }
            time = new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(ticks));
        }
        TimeSpan? offset = null;
        var zulu = false;
        if (match.Groups["z"].Success)
        {
            var z = match.Groups["z"].Value;
            if (z is "Z" or "z")
            {
                offset = TimeSpan.Zero;
                zulu = true;
            }
            else
            {
                var digits = z[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
                if (hours > 14 || minutes > 59)
                {
                    return false;
                }
                offset = new TimeSpan(hours, minutes, 0) * (z[0] == '-' ? -1 : 1);
            }
        }
        date = new ClientDate(new DateOnly(year, month, day), time, offset, zulu);
        return true;
    }

    /// <summary>The UTC instant of <paramref name="text"/>; a time without an offset is read in <paramref name="zone"/>.</summary>
    public static bool TryParseInstant(string? text, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (!TryParse(text, out var date))
        {
            return false;
        }
        utc = date.ToUtc(zone);
        return true;
    }

    /// <summary>The calendar day <paramref name="text"/> means in <paramref name="zone"/> (see <see cref="ClientDate.ToDay"/>).</summary>
    public static bool TryParseDay(string? text, TimeZoneInfo zone, out DateOnly day)
    {
        day = default;
        if (!TryParse(text, out var date))
        {
            return false;
        }
        day = date.ToDay(zone);
        return true;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
}
