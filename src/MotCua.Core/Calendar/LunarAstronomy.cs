namespace MotCua.Core.Calendar;

/// <summary>
/// The astronomical core of Ho Ngoc Duc's lunar calendar algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/):
/// new moons and the sun's longitude, as whole local days (Julian day numbers) for a time zone given in hours.
/// </summary>
internal static class LunarAstronomy
{
    private const double Degree = Math.PI / 180;

    /// <summary>Julian day number of the epoch new moon (1900-01-01 13:52 UT), the origin of lunation numbers.</summary>
    private const double EpochNewMoon = 2415021.076998695;

    /// <summary>Mean length of a lunation in days.</summary>
    public const double SynodicMonth = 29.530588853;

    /// <summary>Julian day number of 0001-01-01 (proleptic Gregorian); DateOnly.DayNumber counts from there.</summary>
    private const int JulianDayOfDayNumberZero = 1721426;

    public static int JulianDay(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    public static DateOnly Date(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero);

    /// <summary>Lunation number k of the new moon at or before the given day (k = 0 is the epoch new moon).</summary>
    public static int LunationBefore(int julianDay) => (int)Math.Floor((julianDay - EpochNewMoon) / SynodicMonth);

    /// <summary>Lunation number nearest to the given new-moon day.</summary>
    public static int LunationNearest(int newMoonDay) => (int)Math.Floor((newMoonDay - EpochNewMoon) / SynodicMonth + 0.5);

    /// <summary>The local day (Julian day number) on which new moon number k falls.</summary>
    public static int NewMoonDay(int k, double timeZoneHours) =>
        (int)Math.Floor(NewMoon(k) + 0.5 + timeZoneHours / 24);

    /// <summary>
    /// Which 30° sector (0..11) the sun's longitude is in at the start of the given local day;
    /// sector 9 begins at the winter solstice (270°).
    /// </summary>
    public static int SunSector(int julianDay, double timeZoneHours) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - timeZoneHours / 24) / Math.PI * 6);

    /// <summary>The day on which lunar month 11 (the month containing the winter solstice) starts, for the given solar year.</summary>
    public static int Month11Start(int year, double timeZoneHours)
    {
        int offset = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        int k = (int)Math.Floor(offset / SynodicMonth);
        int newMoon = NewMoonDay(k, timeZoneHours);
        return SunSector(newMoon, timeZoneHours) >= 9 ? NewMoonDay(k - 1, timeZoneHours) : newMoon;
    }

    /// <summary>
    /// In a lunar year with 13 months starting at month 11 (day a11), the offset (1..13) from month 11 of the
    /// first month that contains no major solar term: that month is the leap month.
    /// </summary>
    public static int LeapMonthOffset(int month11Start, double timeZoneHours)
    {
        int k = LunationNearest(month11Start);
        int i = 1;
        int sector = SunSector(NewMoonDay(k + i, timeZoneHours), timeZoneHours);
        int last;
        do
        {
            last = sector;
            i++;
            sector = SunSector(NewMoonDay(k + i, timeZoneHours), timeZoneHours);
        }
        while (sector != last && i < 14);
        return i - 1;
    }

    /// <summary>Julian date (UT, fractional) of new moon number k (Meeus, simplified).</summary>
    private static double NewMoon(int k)
    {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Degree);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double mPrime = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        double c = (0.1734 - 0.000393 * t) * Math.Sin(m * Degree) + 0.0021 * Math.Sin(2 * Degree * m)
            - 0.4068 * Math.Sin(mPrime * Degree) + 0.0161 * Math.Sin(Degree * 2 * mPrime)
            - 0.0004 * Math.Sin(Degree * 3 * mPrime)
            + 0.0104 * Math.Sin(Degree * 2 * f) - 0.0051 * Math.Sin(Degree * (m + mPrime))
            - 0.0074 * Math.Sin(Degree * (m - mPrime)) + 0.0004 * Math.Sin(Degree * (2 * f + m))
            - 0.0004 * Math.Sin(Degree * (2 * f - m)) - 0.0006 * Math.Sin(Degree * (2 * f + mPrime))
            + 0.0010 * Math.Sin(Degree * (2 * f - mPrime)) + 0.0005 * Math.Sin(Degree * (2 * mPrime + m));
        double deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd + c - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians (0..2π) at the given Julian date (UT).</summary>
    private static double SunLongitude(double julianDate)
    {
        double t = (julianDate - 2451545.0) / 36525;
        double t2 = t * t;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(Degree * m)
            + (0.019993 - 0.000101 * t) * Math.Sin(Degree * 2 * m)
            + 0.000290 * Math.Sin(Degree * 3 * m);
        double l = (l0 + dl) * Degree;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }
}
