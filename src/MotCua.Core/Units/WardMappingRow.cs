namespace MotCua.Core.Units;

/// <summary>A row of the ward_mappings table (old commune-level unit to new one) as read, before checking.</summary>
internal sealed record WardMappingRow(
    int Index,
    string? OldWardCode,
    string? OldWardName,
    string? OldDistrictName,
    string? OldProvinceName,
    string? NewWardCode,
    string? NewWardName,
    string? NewProvinceName);
