namespace MotCua.Core.Units;

/// <summary>The kind of a commune-level unit, read from the start of its name.</summary>
internal static class UnitNamePrefix
{
    private static readonly (string Folded, AdministrativeUnitKind Kind)[] Prefixes =
    [
        ("xa ", AdministrativeUnitKind.Commune),
        ("phuong ", AdministrativeUnitKind.Ward),
        ("thi tran ", AdministrativeUnitKind.Township),
        ("dac khu ", AdministrativeUnitKind.SpecialZone),
    ];

    /// <summary>The kind the name's prefix (Xã, Phường, Thị trấn, Đặc khu) says, or null for any other name.</summary>
    public static AdministrativeUnitKind? KindOf(string name)
    {
        var folded = VietnameseText.Fold(name) + " ";
        foreach (var (prefix, kind) in Prefixes)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
                return kind;
        }
        return null;
    }
}
