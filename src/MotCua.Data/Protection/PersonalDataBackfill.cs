using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;

namespace MotCua.Data.Protection;

/// <summary>
/// Encrypts the personal data of rows written before encryption at rest was turned on, and fills their lookup hash;
/// and the content of documents uploaded before it was encrypted (found by <c>NOT encrypted</c>, a partial index).
/// Such dossiers are the ones without <c>applicant_id_hash</c> (every save through the app stamps it), found through its
/// index; the outbox bodies of that time are encrypted in the same pass, before the dossiers, so a pass cut short is
/// done again at the next start. Run at start-up after the migrations: on a database with nothing left to do it costs
/// one indexed query, not a scan.
/// </summary>
public static class PersonalDataBackfill
{
    private const string LegacyDossiers = "SELECT \"Id\" AS \"Value\" FROM dossiers WHERE applicant_id_hash IS NULL ORDER BY \"Id\" LIMIT 500";

    // Documents are read a few at a time: each may be up to the upload limit.
    private const string PlainDocuments =
        "SELECT \"DossierDocumentId\" AS \"Value\" FROM dossier_document_contents WHERE NOT encrypted ORDER BY \"DossierDocumentId\" LIMIT 10";

    public static async Task<int> RunAsync(MotCuaDbContext db, CancellationToken ct = default) =>
        await DocumentsAsync(db, ct) + await DossiersAsync(db, ct);

    /// <summary>
    /// Encrypts the content of documents stored before encryption was on (rows not marked encrypted): read through the
    /// converter (plain content passes as it is), written back encrypted; the save marks them.
    /// </summary>
    private static Task<int> DocumentsAsync(MotCuaDbContext db, CancellationToken ct) =>
        BatchRewrite.RunAsync(db, PlainDocuments, ids => db.DossierDocumentContents.Where(c => ids.Contains(c.DossierDocumentId)),
            c => db.Entry(c).Property(x => x.Bytes).IsModified = true, ct);

    private static async Task<int> DossiersAsync(MotCuaDbContext db, CancellationToken ct)
    {
        if (!await db.Database.SqlQueryRaw<long>(LegacyDossiers).AnyAsync(ct)) return 0;
        // Raw column values: the converter would hide whether a value is encrypted.
        var done = await BatchRewrite.RunAsync(db,
            "SELECT \"Id\" AS \"Value\" FROM outbox_messages WHERE \"PayloadJson\" NOT LIKE 'enc1:%' ORDER BY \"Id\" LIMIT 500",
            ids => db.OutboxMessages.Where(m => ids.Contains(m.Id)), m => db.Entry(m).Property(x => x.PayloadJson).IsModified = true, ct);
        done += await BatchRewrite.RunAsync(db, LegacyDossiers, ids => db.Dossiers.Where(d => ids.Contains(d.Id)), d =>
        {
            var entry = db.Entry(d);
            entry.Property(x => x.FormDataJson).IsModified = true;
            entry.ComplexProperty(x => x.Applicant).Property(a => a.IdNumber).IsModified = true;
            entry.Property<string>(MotCuaDbContext.ApplicantIdHash).IsModified = true;
        }, ct);
        return done;
    }
}
