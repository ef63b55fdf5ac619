namespace MotCua.Core.Units;

/// <summary>A row of the provinces table as read, before checking. <see cref="Index"/> is its place in the table.</summary>
internal sealed record ProvinceRow(int Index, string? ProvinceCode, string? ShortCode, string? Name);
