namespace BudgetControl.Tests.Infrastructure;

/// <summary>The app's clock in the jobs tests: the real time until a test sets it, then that instant.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? System.GetUtcNow();

    /// <summary>Freezes the clock at <paramref name="utc"/>, or back to the real time with null.</summary>
    public void Set(DateTime? utc) => _now = utc is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    public void Advance(TimeSpan by) => _now = GetUtcNow() + by;
}
