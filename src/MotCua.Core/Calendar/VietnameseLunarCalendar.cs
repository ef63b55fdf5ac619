namespace MotCua.Core.Calendar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed for the UTC+7 meridian with Ho Ngoc Duc's astronomical
/// algorithm: a month starts on the local day of a new moon, month 11 contains the winter solstice, and in a
/// 13-month year the first month without a major solar term is the leap month.
/// This is not .NET's ChineseLunisolarCalendar, which follows UTC+8 and gives other dates in some years
/// (Tết 1968, 1985, 2007...). Supported years: 1900–2199.
/// </summary>
public static class VietnameseLunarCalendar
{
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    /// <summary>Vietnam's time zone, in hours east of UTC, for which the calendar is computed.</summary>
    private const double TimeZoneHours = 7;

    /// <summary>The solar date of a lunar date. Throws ArgumentOutOfRangeException for a date that does not exist
    /// (month 1..12, day 1..29 or 30 as the month has it, leapMonth only for the year's leap month).</summary>
    public static DateOnly ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false) =>
        ToSolar(lunarYear, lunarMonth, lunarDay, leapMonth, TimeZoneHours);

    /// <summary>The lunar date of a solar date (solar years 1900–2199).</summary>
    public static LunarDate FromSolar(DateOnly date) => FromSolar(date, TimeZoneHours);

    /// <summary>Length (29 or 30) of a lunar month.</summary>
    public static int DaysInMonth(int lunarYear, int lunarMonth, bool leapMonth = false)
    {
        int start = MonthStart(lunarYear, lunarMonth, leapMonth, TimeZoneHours);
        return LunarAstronomy.NewMoonDay(LunarAstronomy.LunationNearest(start) + 1, TimeZoneHours) - start;
    }

    /// <summary>The leap month (1..12) of a lunar year, or null when the year has none.</summary>
    public static int? LeapMonth(int lunarYear)
    {
        CheckYear(lunarYear, nameof(lunarYear));
        int a11 = LunarAstronomy.Month11Start(lunarYear - 1, TimeZoneHours);
        int b11 = LunarAstronomy.Month11Start(lunarYear, TimeZoneHours);
        // A leap month found between month 11 of the previous year and month 11 of this year belongs to this
        // lunar year when it comes after month 12 of the previous year (offset >= 3).
        if (b11 - a11 > 365)
        {
            int offset = LunarAstronomy.LeapMonthOffset(a11, TimeZoneHours);
            if (offset >= 3)
            {
                return offset - 2;
            }
        }
        int c11 = LunarAstronomy.Month11Start(lunarYear + 1, TimeZoneHours);
        if (c11 - b11 > 365)
        {
            int offset = LunarAstronomy.LeapMonthOffset(b11, TimeZoneHours);
            if (offset <= 2)
            {
                return offset + 10;
            }
        }
        return null;
    }

    internal static DateOnly ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth, double timeZoneHours)
    {
        int start = MonthStart(lunarYear, lunarMonth, leapMonth, timeZoneHours);
        int length = LunarAstronomy.NewMoonDay(LunarAstronomy.LunationNearest(start) + 1, timeZoneHours) - start;
        if (lunarDay < 1 || lunarDay > length)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarDay), lunarDay,
                $"Lunar month {lunarMonth}{(leapMonth ? " (leap)" : "")} of {lunarYear} has {length} days.");
        }
        return LunarAstronomy.Date(start + lunarDay - 1);
    }

    internal static LunarDate FromSolar(DateOnly date, double timeZoneHours)
    {
        CheckYear(date.Year, nameof(date));
        int day = LunarAstronomy.JulianDay(date);
        // The month starts on the last new-moon day at or before the date. The mean-lunation estimate k can be one
        // off either way, because a true new moon strays up to about 14 hours from the mean one.
        int k = LunarAstronomy.LunationBefore(day) + 1;
        int monthStart = LunarAstronomy.NewMoonDay(k, timeZoneHours);
        while (monthStart > day)
        {
            k--;
            monthStart = LunarAstronomy.NewMoonDay(k, timeZoneHours);
        }

        int a11 = LunarAstronomy.Month11Start(date.Year, timeZoneHours);
        int b11 = a11;
        int year;
        if (a11 >= monthStart)
        {
            year = date.Year;
            a11 = LunarAstronomy.Month11Start(date.Year - 1, timeZoneHours);
        }
        else
        {
            year = date.Year + 1;
            b11 = LunarAstronomy.Month11Start(date.Year + 1, timeZoneHours);
        }

        int monthsAfter11 = (monthStart - a11) / 29;
        int month = monthsAfter11 + 11;
        bool isLeap = false;
        if (b11 - a11 > 365)
        {
            int leapOffset = LunarAstronomy.LeapMonthOffset(a11, timeZoneHours);
            if (monthsAfter11 >= leapOffset)
            {
                month = monthsAfter11 + 10;
                isLeap = monthsAfter11 == leapOffset;
            }
        }
        if (month > 12)
        {
            month -= 12;
        }
        if (month >= 11 && monthsAfter11 < 4)
        {
            year -= 1;
        }
        return new LunarDate(year, month, day - monthStart + 1, isLeap);
    }

    /// <summary>The Julian day number on which the given lunar month starts.</summary>
    private static int MonthStart(int lunarYear, int lunarMonth, bool leapMonth, double timeZoneHours)
    {
        CheckYear(lunarYear, nameof(lunarYear));
        if (lunarMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, "A lunar month is 1 to 12.");
        }

        // Months 1..10 are counted from month 11 of the previous solar year, months 11 and 12 from this year's.
        int a11, b11;
        if (lunarMonth < 11)
        {
            a11 = LunarAstronomy.Month11Start(lunarYear - 1, timeZoneHours);
            b11 = LunarAstronomy.Month11Start(lunarYear, timeZoneHours);
        }
        else
        {
            a11 = LunarAstronomy.Month11Start(lunarYear, timeZoneHours);
            b11 = LunarAstronomy.Month11Start(lunarYear + 1, timeZoneHours);
        }

        int k = LunarAstronomy.LunationNearest(a11);
        int offset = lunarMonth - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        bool hasLeap = false;
        if (b11 - a11 > 365)
        {
            int leapOffset = LunarAstronomy.LeapMonthOffset(a11, timeZoneHours);
            int leap = leapOffset - 2;
            if (leap <= 0)
            {
                leap += 12;
            }
            hasLeap = leap == lunarMonth;
            if ((leapMonth && hasLeap) || offset >= leapOffset)
            {
                offset += 1;
            }
        }
        if (leapMonth && !hasLeap)
        {
            throw new ArgumentOutOfRangeException(nameof(leapMonth), leapMonth,
                $"Lunar month {lunarMonth} of {lunarYear} is not a leap month.");
        }
        return LunarAstronomy.NewMoonDay(k + offset, timeZoneHours);
    }

    private static void CheckYear(int year, string parameter)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(parameter, year,
                $"The Vietnamese lunar calendar is supported for years {MinYear} to {MaxYear}.");
        }
    }
}
