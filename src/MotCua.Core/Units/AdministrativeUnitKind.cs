namespace MotCua.Core.Units;

/// <summary>The level and type of an administrative unit (đơn vị hành chính).</summary>
public enum AdministrativeUnitKind
{
    /// <summary>Tỉnh or thành phố trực thuộc trung ương.</summary>
    Province = 0,
    /// <summary>Xã.</summary>
    Commune = 1,
    /// <summary>Phường.</summary>
    Ward = 2,
    /// <summary>Đặc khu.</summary>
    SpecialZone = 3,
    /// <summary>Thị trấn; only before 2025-07-01 (the two-level reform abolished them).</summary>
    Township = 4,
}
