using MotCua.Core.Units;

namespace MotCua.Data.Entities;

/// <summary>A province, commune, ward or special zone, current or merged away, with its effective dates.</summary>
public class AdministrativeUnit
{
    public int Id { get; set; }
    /// <summary>
    /// Statistics-office code: 2 digits for a province, 5 for a commune-level unit. Codes are reused: a new ward often
    /// keeps the code of an old ward it absorbed, so a code is unique among current units only (EffectiveTo null).
    /// </summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Accent- and case-folded name for search.</summary>
    public string NameFolded { get; set; } = "";
    public AdministrativeUnitKind Kind { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>Letter code of a province (e.g. HNI).</summary>
    public string? ShortCode { get; set; }
    /// <summary>Electronic agency code used in dossier codes (VVV.ZZ.YY.MXX).</summary>
    public string? AgencyCode { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public string? OldDistrictName { get; set; }
    public string? OldProvinceName { get; set; }

    public bool IsCurrent => EffectiveTo is null;
}

/// <summary>An old unit merged (wholly, or partly when split) into a newer one.</summary>
public class UnitSuccession
{
    public long Id { get; set; }
    public string PredecessorCode { get; set; } = "";
    public string SuccessorCode { get; set; } = "";
    public DateOnly EffectiveOn { get; set; }
    public bool Partial { get; set; }
}

/// <summary>A place where dossiers are received (điểm tiếp nhận); a unit has one or more.</summary>
public class ReceptionPoint
{
    public string Code { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public bool IsActive { get; set; } = true;
}
