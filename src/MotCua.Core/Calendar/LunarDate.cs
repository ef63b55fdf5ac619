namespace MotCua.Core.Calendar;

/// <summary>A date of the Vietnamese lunar calendar (âm lịch). Year is the solar year in which its Tết falls.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth);
