using BudgetControl.Data.Entities;
using BudgetControl.Jobs.Recurring;

namespace BudgetControl.Tests;

/// <summary>The schedule arithmetic of recurring plans, without a database.</summary>
public sealed class OccurrenceTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Fact]
    public void Monthly_dates_come_from_the_anchor_not_from_the_previous_date()
    {
        var anchor = new DateOnly(2027, 1, 31);
        Assert.Equal(
            [new(2027, 1, 31), new(2027, 2, 28), new(2027, 3, 31), new(2027, 4, 30), new(2027, 5, 31)],
            Enumerable.Range(0, 5).Select(n => Occurrences.Nth(anchor, Planning.Monthly, n)!.Value));
    }

    [Fact]
    public void One_shot_plans_have_one_occurrence()
    {
        Assert.Equal(new DateOnly(2027, 6, 1), Occurrences.Nth(new DateOnly(2027, 6, 1), Planning.OneShot, 0));
        Assert.Null(Occurrences.Nth(new DateOnly(2027, 6, 1), Planning.OneShot, 1));
    }

    [Fact]
    public void Local_time_is_kept_across_daylight_saving_changes_and_a_skipped_hour_moves_forward()
    {
        // Daily at 02:30 in Rome: 01:30 UTC in winter, 00:30 UTC in summer; on 2028-03-26 02:30 does not exist (clocks jump to 03:00).
        var start = new DateTime(2028, 3, 25, 1, 30, 0, DateTimeKind.Utc);
        var due = Occurrences.Due(start, Planning.Daily, null, Rome, null, new DateTime(2028, 3, 28, 0, 0, 0, DateTimeKind.Utc), 10).ToList();
        Assert.Equal(
            [
                (new DateOnly(2028, 3, 25), new DateTime(2028, 3, 25, 1, 30, 0, DateTimeKind.Utc)),
                (new DateOnly(2028, 3, 26), new DateTime(2028, 3, 26, 1, 0, 0, DateTimeKind.Utc)),
                (new DateOnly(2028, 3, 27), new DateTime(2028, 3, 27, 0, 30, 0, DateTimeKind.Utc)),
            ],
            due);
    }

    [Fact]
    public void A_run_continues_after_the_last_written_occurrence()
    {
        var start = new DateTime(2028, 1, 31, 9, 0, 0, DateTimeKind.Utc);
        var due = Occurrences.Due(start, Planning.Monthly, null, TimeZoneInfo.Utc, new DateOnly(2028, 2, 29), new DateTime(2028, 6, 1, 0, 0, 0, DateTimeKind.Utc), 10)
            .Select(d => d.Date).ToList();
        Assert.Equal([new(2028, 3, 31), new(2028, 4, 30), new(2028, 5, 31)], due);
    }
}
