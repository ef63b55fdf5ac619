namespace MotCua.Core.Units;

/// <summary>A row of the wards table (current communes, wards, special zones) as read, before checking.</summary>
internal sealed record WardRow(int Index, string? WardCode, string? Name, string? ProvinceCode);
