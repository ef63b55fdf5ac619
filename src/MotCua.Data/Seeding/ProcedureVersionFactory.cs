using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data.Entities;

namespace MotCua.Data.Seeding;

/// <summary>Turns a procedure definition into a stored version row.</summary>
public static class ProcedureVersionFactory
{
    public static ProcedureVersion Create(ProcedureDefinition d, int versionNo, DateOnly effectiveFrom, DateTimeOffset now, string by) => new()
    {
        ProcedureCode = d.Code,
        VersionNo = versionNo,
        EffectiveFrom = effectiveFrom,
        Name = d.Name,
        NameFolded = VietnameseText.Fold(d.Name),
        FieldCode = d.FieldCode,
        CompetentLevel = d.CompetentLevel,
        ProcessingDays = d.ProcessingDays,
        OnlineLevel = d.OnlineLevel,
        MinEidLevel = d.MinEidLevel,
        DefinitionJson = CatalogJson.Serialize(d),
        CreatedAt = now,
        CreatedBy = by,
    };
}
