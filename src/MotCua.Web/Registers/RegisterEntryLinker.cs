using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Registers;

/// <summary>
/// Links the register entry a dossier was started from (<see cref="StartExtractDossier"/> sets <see cref="Pending"/>)
/// in the intake's own transaction: the dossier and its link are saved together or not at all.
/// </summary>
public sealed class RegisterEntryLinker(TimeProvider time) : IDossierChangeObserver
{
    public (long EntryId, string By)? Pending { get; set; }

    public void Received(MotCuaDbContext db, Dossier dossier, ProcedureDefinition procedure)
    {
        if (Pending is not { } p) return;
        db.RegisterEntryDossiers.Add(new RegisterEntryDossier { EntryId = p.EntryId, DossierCode = dossier.Code, CreatedAt = time.GetUtcNow(), CreatedBy = p.By });
    }

    public void Changed(MotCuaDbContext db, Dossier dossier, DossierAction action, DossierStatus from) { }
}
