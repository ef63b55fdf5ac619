using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Told of every dossier change inside the unit of work that saves it, before the save: what an observer adds to the
/// DbContext (an outbox message, an aggregate row) is committed together with the change or not at all. Observers must not
/// call SaveChanges, open transactions or talk to other systems.
/// </summary>
public interface IDossierChangeObserver
{
    /// <summary>A dossier was just received (it has its code; its database id may not be assigned yet).</summary>
    void Received(MotCuaDbContext db, Dossier dossier, ProcedureDefinition procedure);

    /// <summary>An action was just applied (status, history and version already changed in memory).</summary>
    void Changed(MotCuaDbContext db, Dossier dossier, DossierAction action, DossierStatus from);
}
