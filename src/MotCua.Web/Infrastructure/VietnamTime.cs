using MotCua.Core.Calendar;

namespace MotCua.Web.Infrastructure;

/// <summary>Instants are stored in UTC and shown in Vietnam time (+07:00).</summary>
public static class VietnamTime
{
    public static DateTimeOffset ToVietnam(this DateTimeOffset instant) => instant.ToOffset(WorkingCalendar.VietnamOffset);

    public static DateTimeOffset? ToVietnam(this DateTimeOffset? instant) => instant?.ToOffset(WorkingCalendar.VietnamOffset);

    public static DateOnly LocalDate(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToVietnam().DateTime);

    /// <summary>
    /// The instant cut to whole microseconds, the precision PostgreSQL keeps: a change made at this instant answers with the
    /// times a later read of the saved dossier returns (its receipt, its due date), not a tenth of a microsecond more.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(this DateTimeOffset instant) =>
        instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <summary>The instant (UTC, as PostgreSQL takes them) a Vietnam date begins.</summary>
    public static DateTimeOffset VietnamStart(this DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset).ToUniversalTime();
}
