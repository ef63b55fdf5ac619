using MotCua.Data.Entities;

namespace MotCua.Web.Integrations;

/// <summary>The partner systems MotCua sends to, by their configuration name.</summary>
public static class Partners
{
    /// <summary>National Public Service Portal (Cổng Dịch vụ công quốc gia): receipt, status changes, result of every dossier.</summary>
    public const string Portal = "portal";
    /// <summary>The Ministry of Justice's civil-status software: civil-status registrations; answers the registration number.</summary>
    public const string CivilStatus = "civilStatus";
    /// <summary>The residence registration (police) system: permanent residence of the linked birth bundle.</summary>
    public const string Residence = "residence";
    /// <summary>Social insurance: the health insurance card of a child under 6 in the linked birth bundle.</summary>
    public const string HealthInsurance = "healthInsurance";

    public static readonly IReadOnlyList<string> All = [Portal, CivilStatus, Residence, HealthInsurance];

    /// <summary>Field code of civil-status procedures (hộ tịch).</summary>
    public const string CivilStatusField = "HT";
    /// <summary>Linked birth registration + permanent residence + health insurance card for a child under 6 (Decision 296/QĐ-VPCP).</summary>
    public const string BirthBundleProcedure = "2.002621";

    public static OutboxMessageKind LegKind(string partner) => partner switch
    {
        CivilStatus => OutboxMessageKind.CivilStatusRegistration,
        Residence => OutboxMessageKind.Residence,
        HealthInsurance => OutboxMessageKind.HealthInsurance,
        _ => throw new ArgumentOutOfRangeException(nameof(partner), partner, "Not a leg partner."),
    };

    public static string? Canonical(string? name) => All.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
}
