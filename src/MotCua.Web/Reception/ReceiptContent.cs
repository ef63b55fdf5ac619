using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Staff;

/// <summary>
/// What the printable forms of Circular 03/2025 (01 receipt, 02 supplement request, 04 apology slip) show about a dossier:
/// the dossier with its documents, apology slips and history, the procedure version it was received under, the competent
/// and receiving units, the reception point and the name of the officer who received it. Loaded through
/// <see cref="DossierAccess.VisibleTo"/>, for the pages and for the API's receipt (<see cref="DossierReceipt"/>).
/// </summary>
public sealed record ReceiptData(Dossier Dossier, ProcedureDefinition Definition, AdministrativeUnit Competent, AdministrativeUnit Receiving,
    ReceptionPoint? Point, IReadOnlyList<DossierHistoryEntry> History, string ReceiverName)
{
    /// <summary>The required-document codes the dossier has (a file, a paper checked at the counter, the online form).</summary>
    public IReadOnlySet<string> HandedIn { get; } = HandedInDocuments.Of(Dossier, Definition);
}

/// <summary>
/// The legal forms are Vietnamese documents (docs/architecture.md: "the receipt (form 01) text is fixed Vietnamese"), so
/// their wording and date formats are fixed here rather than translated; the pages around them are translated.
/// </summary>
public static class ReceiptContent
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The look of the printable forms (class "paper"), for the staff pages and the API's stand-alone receipt.</summary>
    public const string PaperCss = """
        .paper { font-family: "Times New Roman", Times, serif; font-size: 13pt; max-width: 180mm; margin: 0 auto; color: #000; overflow-wrap: break-word; }
        .paper .nw { white-space: nowrap; }
        .paper .head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 8px; text-align: center; }
        .paper h1 { font-size: 14pt; text-align: center; margin: 16px 0 4px; }
        .paper table td, .paper table th { border: 1px solid #000; padding: 4px; }
        .paper .code { font-family: monospace; font-size: 13pt; font-weight: 700; }
        .paper .sign { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 16px; margin-top: 24px; text-align: center; }
        .paper .qr { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
        .paper .qr img { width: 120px; height: 120px; image-rendering: pixelated; flex: 0 0 auto; }
        .paper .qr a, .paper .qr span { font-size: 10pt; overflow-wrap: anywhere; }
        @media print { .paper { font-size: 12pt; max-width: none; } .paper a { color: #000; text-decoration: none; } }
        """;

    public static async Task<ReceiptData?> LoadAsync(MotCuaDbContext db, string code, CurrentUser user, CancellationToken ct = default)
    {
        var dossier = await db.Dossiers.VisibleTo(db, user).AsNoTracking().AsSplitQuery()
            .Include(d => d.Documents).Include(d => d.ApologySlips)
            .SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return null;
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(p => p.Id == dossier.ProcedureVersionId, ct);
        var definition = CatalogJson.Deserialize(version.DefinitionJson);
        // The current unit of each code; a unit merged away since the dossier was received still has its old row.
        var units = (await db.Units.AsNoTracking()
                .Where(u => u.Code == dossier.UnitCode || u.Code == dossier.ReceivingUnitCode).ToListAsync(ct))
            .OrderBy(u => u.EffectiveTo is null ? 0 : 1).ThenByDescending(u => u.EffectiveTo).ToList();
        var point = dossier.ReceptionPointCode is null ? null
            : await db.ReceptionPoints.AsNoTracking().SingleOrDefaultAsync(r => r.Code == dossier.ReceptionPointCode, ct);
        var history = await db.DossierHistory.AsNoTracking().Where(h => h.DossierId == dossier.Id).OrderBy(h => h.Sequence).ToListAsync(ct);
        var receiver = await db.Users.AsNoTracking().Where(u => u.UserName == dossier.ReceivedBy).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        return new ReceiptData(dossier, definition, units.First(u => u.Code == dossier.UnitCode),
            units.First(u => u.Code == dossier.ReceivingUnitCode), point, history,
            string.IsNullOrWhiteSpace(receiver) ? dossier.ReceivedBy : receiver);
    }

    /// <summary>"Hình thức nộp" on form 01.</summary>
    public static string ChannelName(IntakeChannel channel) => channel switch
    {
        IntakeChannel.Online => "Trực tuyến",
        IntakeChannel.Counter => "Trực tiếp",
        IntakeChannel.Post => "Qua dịch vụ bưu chính",
        IntakeChannel.BackEntry => "Trực tiếp (nhập bổ sung)",
        _ => channel.ToString(),
    };

    /// <summary>"09 giờ 30 phút, ngày 01/07/2025" in Vietnam time.</summary>
    public static string LongTime(DateTimeOffset instant) =>
        instant.ToVietnam().ToString("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy", Vietnamese);

    /// <summary>"ngày 01 tháng 07 năm 2025" in Vietnam time, as dates are written at the foot of an official form.</summary>
    public static string FormDate(DateTimeOffset instant) =>
        instant.ToVietnam().ToString("'ngày' dd 'tháng' MM 'năm' yyyy", Vietnamese);

    public static string Upper(string text) => text.ToUpper(Vietnamese);

    /// <summary>The serial of the day, the last part of the code (the tracking book number on form 01).</summary>
    public static string Serial(string code) => code[(code.LastIndexOf('-') + 1)..];

    /// <summary>The latest supplement request of the process control sheet, if any.</summary>
    public static DossierHistoryEntry? LatestSupplementRequest(IEnumerable<DossierHistoryEntry> history) =>
        history.Where(h => h.Action == nameof(DossierAction.RequestSupplement)).MaxBy(h => h.Sequence);
}
