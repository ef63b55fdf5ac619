using System.Collections.Concurrent;

namespace MotCua.Core.Calendar;

/// <summary>
/// Working days and working time of a one-stop department: Monday to Friday, minus the year's holidays, plus the
/// year's swap Saturdays/Sundays, inside <see cref="Hours"/>. All wall-clock reasoning is in Vietnam time (+07:00)
/// and every DateTimeOffset returned is at +07:00. Thread-safe.
/// </summary>
public sealed class WorkingCalendar
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>How far NextWorkingDay looks before it gives up (a calendar with no working day at all).</summary>
    private const int MaxDaysWithoutWork = 366;

    private readonly Dictionary<int, YearDays> _explicitYears = new();
    private readonly ConcurrentDictionary<int, YearDays> _computedYears = new();

    /// <summary>
    /// Explicit years (from the data file or admin edits) replace the computed year entirely; any other year falls back
    /// to <see cref="CalendarYear.Computed"/>. Throws ArgumentException for a year listed twice or a year with problems
    /// (see <see cref="CalendarYearValidator"/>), or for working hours that do not end after they start.
    /// </summary>
    public WorkingCalendar(IEnumerable<CalendarYear> years, WorkingHours? hours = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        Hours = hours ?? WorkingHours.Default;
        if (Hours.End <= Hours.Start)
        {
            throw new ArgumentException($"Working hours must end after they start ({Hours.Start}–{Hours.End}).", nameof(hours));
        }
        foreach (CalendarYear year in years)
        {
            IReadOnlyList<string> problems = CalendarYearValidator.Problems(year);
            if (problems.Count > 0)
            {
                throw new ArgumentException(string.Join(" ", problems), nameof(years));
            }
            if (!_explicitYears.TryAdd(year.Year, new YearDays(year)))
            {
                throw new ArgumentException($"Year {year.Year} is given more than once.", nameof(years));
            }
        }
    }

    public WorkingHours Hours { get; }

    /// <summary>Monday–Friday not in the year's holidays, or a date in the year's working weekends.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        YearDays days = DaysOf(date.Year);
        if (days.WorkingWeekends.Contains(date))
        {
            return true;
        }
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !days.Holidays.Contains(date);
    }

    /// <summary>The first working day strictly after the date.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => Step(date, 1);

    /// <summary>
    /// The date that many working days after (or, negative, before) the date, counting only working days:
    /// 1 is the next working day, -1 the previous one, 0 the date itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        int direction = Math.Sign(days);
        for (int i = 0; i < Math.Abs(days); i++)
        {
            date = Step(date, direction);
        }
        return date;
    }

    /// <summary>
    /// When the processing clock starts for something received at receivedAt: inside working hours of a working day
    /// and before the cutoff (if any), receivedAt itself; before Start on a working day, that day at Start; otherwise
    /// (at or after End, at or after the cutoff, weekend, holiday) the next working day at Start.
    /// </summary>
    public DateTimeOffset ClockStart(DateTimeOffset receivedAt, TimeOnly? cutoff = null)
    {
        DateTimeOffset local = receivedAt.ToOffset(VietnamOffset);
        DateOnly date = DateOnly.FromDateTime(local.DateTime);
        TimeOnly time = TimeOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(date))
        {
            if (time < Hours.Start)
            {
                return At(date, Hours.Start);
            }
            if (time < Hours.End && (cutoff is null || time < cutoff.Value))
            {
                return local;
            }
        }
        return At(NextWorkingDay(date), Hours.Start);
    }

    /// <summary>
    /// Adds working time, counted only inside working hours of working days, to an instant (an instant outside
    /// working time first moves to the next working time, as ClockStart does). A result at the end of a working day
    /// stays there: 1 day from 08:00 Monday is 17:00 Monday, not 08:00 Tuesday. Zero time gives that starting instant.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        if (workingTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Working time cannot be negative.");
        }
        DateTimeOffset current = ClockStart(start);
        DateOnly date = DateOnly.FromDateTime(current.DateTime);
        TimeSpan remaining = workingTime;
        while (true)
        {
            TimeSpan available = At(date, Hours.End) - current;
            if (remaining <= available)
            {
                return current + remaining;
            }
            remaining -= available;
            date = NextWorkingDay(date);
            current = At(date, Hours.Start);
        }
    }

    /// <summary>Working time between two instants (zero when to &lt;= from), counted as AddWorkingTime counts it.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }
        DateTimeOffset start = from.ToOffset(VietnamOffset);
        DateTimeOffset end = to.ToOffset(VietnamOffset);
        DateOnly last = DateOnly.FromDateTime(end.DateTime);
        TimeSpan total = TimeSpan.Zero;
        for (DateOnly date = DateOnly.FromDateTime(start.DateTime); date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }
            DateTimeOffset open = Max(start, At(date, Hours.Start));
            DateTimeOffset close = Min(end, At(date, Hours.End));
            if (close > open)
            {
                total += close - open;
            }
        }
        return total;
    }

    /// <summary>
    /// The appointment date for a processing time in working days (fractions allowed: 0.5 is half of
    /// Hours.DayLength): AddWorkingTime(ClockStart(receivedAt, cutoff), processingDays * Hours.DayLength).
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset receivedAt, decimal processingDays, TimeOnly? cutoff = null)
    {
        if (processingDays < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(processingDays), processingDays, "Processing days cannot be negative.");
        }
        long ticks = (long)Math.Round(processingDays * Hours.DayLength.Ticks, MidpointRounding.AwayFromZero);
        return AddWorkingTime(ClockStart(receivedAt, cutoff), TimeSpan.FromTicks(ticks));
    }

    private DateOnly Step(DateOnly date, int direction)
    {
        for (int i = 1; i <= MaxDaysWithoutWork; i++)
        {
            DateOnly candidate = date.AddDays(direction * i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No working day within {MaxDaysWithoutWork} days of {date:yyyy-MM-dd}.");
    }

    private YearDays DaysOf(int year) =>
        _explicitYears.TryGetValue(year, out YearDays? days)
            ? days
            : _computedYears.GetOrAdd(year, y => new YearDays(CalendarYear.Computed(y)));

    private static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), VietnamOffset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed class YearDays(CalendarYear year)
    {
        public HashSet<DateOnly> Holidays { get; } = [.. year.Holidays];
        public HashSet<DateOnly> WorkingWeekends { get; } = [.. year.WorkingWeekends];
    }
}
