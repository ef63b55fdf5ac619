namespace MotCua.Core.Calendar;

/// <summary>Office hours of a working day, Vietnam wall-clock time. One working day of processing time is End - Start.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End)
{
    public static readonly WorkingHours Default = new(new TimeOnly(8, 0), new TimeOnly(17, 0));

    public TimeSpan DayLength => End - Start;
}
