using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Data;
using MotCua.Data.Statistics;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Statistics;

/// <summary>
/// Keeps the statistics aggregates as dossiers change: for the receipt and for each history line, what
/// <see cref="DossierFigures"/> says it adds, written with atomic upserts in the transaction of the change, right after
/// its save (the last statements before the commit).
/// </summary>
public sealed class StatisticsRecorder(CalendarProvider calendars, StatisticsScopes scopes) : IDossierChangeObserver
{
    public void Received(MotCuaDbContext db, Dossier dossier, ProcedureDefinition procedure) => Record(db, dossier);

    public void Changed(MotCuaDbContext db, Dossier dossier, DossierAction action, DossierStatus from) => Record(db, dossier);

    private void Record(MotCuaDbContext db, Dossier dossier)
    {
        var last = dossier.History.MaxBy(h => h.Sequence);
        if (last is null) return;
        // The intake and the action have just read the calendar: this is a cache hit, not a query.
        var calendar = calendars.GetAsync().GetAwaiter().GetResult();
        if (DossierFigures.For(dossier, last, calendar) is { } figure)
        {
            // Cached like the lineage it is drawn from (a query only after an expiry).
            var provinces = scopes.ProvincesAsync(CancellationToken.None).GetAwaiter().GetResult().Of(dossier.UnitCode);
            StatisticsWriter.AddAfterSave(db, dossier.UnitCode, dossier.ProcedureCode, dossier.Channel, figure, provinces);
        }
    }
}
