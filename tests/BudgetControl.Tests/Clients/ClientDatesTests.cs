using BudgetControl.Hosting.Clients;

namespace BudgetControl.Tests.Clients;

/// <summary>The one parser of client dates (Hosting/Clients/ClientDates.cs), every accepted and refused form.</summary>
public sealed class ClientDatesTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Theory]
    [InlineData("2026-11-26T01:02:50.000Z", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-11-26T01:02:50Z", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-11-26T01:02:50.123456789Z", "2026-11-26T01:02:50.1234567Z")]
    [InlineData("2026-11-26t01:02z", "2026-11-26T01:02:00.0000000Z")]
    [InlineData("2026-11-26T02:02:50+01:00", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-11-26T02:02:50+0100", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-11-25T20:02:50-05", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-11-26 02:02:50", "2026-11-26T01:02:50.0000000Z")] // Rome wall clock (UTC+1 in November)
    [InlineData("2026-11-26 02:02", "2026-11-26T01:02:00.0000000Z")]
    [InlineData("2026-11-26T02:02:50.5", "2026-11-26T01:02:50.5000000Z")]
    [InlineData("2026-07-01", "2026-06-30T22:00:00.0000000Z")] // midnight in Rome (UTC+2 in summer)
    [InlineData("2026-3-5", "2026-03-04T23:00:00.0000000Z")]
    [InlineData("2026/11/01", "2026-10-31T23:00:00.0000000Z")]
    [InlineData("2026/3/5 9:30", "2026-03-05T08:30:00.0000000Z")]
    [InlineData(" 2026-11-26T01:02:50Z ", "2026-11-26T01:02:50.0000000Z")]
    [InlineData("2026-03-29 02:30", "2026-03-29T01:30:00.0000000Z")] // a wall-clock time skipped by DST moves forward
    public void Instants_are_read_with_their_offset_or_in_the_workspace_zone(string text, string utc)
    {
        Assert.True(ClientDates.TryParseInstant(text, Rome, out var parsed));
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
        Assert.Equal(utc, parsed.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2027-06-14T22:00:00.000Z", "2027-06-15")] // JSON.stringify of a local midnight in Rome
    [InlineData("2027-06-14T21:59:59.999Z", "2027-06-14")]
    [InlineData("2027-06-15", "2027-06-15")]
    [InlineData("2027-6-5", "2027-06-05")]
    [InlineData("2026/11/01", "2026-11-01")]
    [InlineData("2025/02/28", "2025-02-28")]
    [InlineData("2027-06-15 23:30:00", "2027-06-15")]
    [InlineData("2027-06-15T00:30:00+05:00", "2027-06-15")] // a numeric offset (the original's ATOM output): the day written
    [InlineData("2025-02-05T00:00:00+00:00", "2025-02-05")]
    public void Calendar_days_are_the_day_meant_in_the_workspace_zone(string text, string day)
    {
        Assert.True(ClientDates.TryParseDay(text, Rome, out var parsed));
        Assert.Equal(day, parsed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2025/02/31")] // the legacy pie widget's "day 31 of every month"
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("2025-01-01T24:00")]
    [InlineData("2025-01-01T10:60")]
    [InlineData("2025-01-01T10:00+15:00")]
    [InlineData("01/02/2025")]
    [InlineData("28 March 2025")]
    [InlineData("2025-01-01T10")]
    [InlineData("20250101")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(ClientDates.TryParse(text, out _));
    }
}
