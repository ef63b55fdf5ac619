namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// The domain clock of the test host. Unlike FakeTimeProvider it may be set backwards, so each test in a collection can
/// put "now" where it needs (tests of one collection run one after the other).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? DateTimeOffset.UtcNow;

    /// <summary>Freezes the clock at a Vietnam wall-clock time.</summary>
    public void SetVietnamTime(int year, int month, int day, int hour, int minute = 0) =>
        _now = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)).ToUniversalTime();

    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now = GetUtcNow() + by;

    /// <summary>Back to the real time.</summary>
    public void Reset() => _now = null;
}
