using MotCua.Core.Catalog;

namespace MotCua.Core.Dossiers;

/// <summary>
/// Which required documents of its procedure a dossier has: a file attached for it, the paper checked as received at the
/// counter (<see cref="Dossier.PapersChecked"/>), or, for an online dossier, the application form (tờ khai) itself,
/// since its content is the form the applicant filled in online.
/// </summary>
public static class HandedInDocuments
{
    /// <summary>The application form of a procedure: "to-khai", or a numbered one such as "to-khai-ct01".</summary>
    public static bool IsApplicationForm(RequiredDocument document) =>
        document.Code == "to-khai" || document.Code.StartsWith("to-khai-", StringComparison.Ordinal);

    /// <summary>The required documents that have a file attached (not papers checked, not the online form).</summary>
    public static HashSet<string> WithFile(Dossier dossier) =>
        dossier.Documents.Where(d => d.RequiredDocumentCode is not null).Select(d => d.RequiredDocumentCode!).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(Dossier dossier, ProcedureDefinition definition)
    {
        var codes = WithFile(dossier);
        codes.UnionWith(dossier.PapersChecked);
        if (dossier.Channel == IntakeChannel.Online)
            foreach (var document in definition.RequiredDocuments.Where(IsApplicationForm)) codes.Add(document.Code);
        return codes;
    }

    /// <summary>The required (not "if any") documents the dossier does not have yet, in the catalog's order.</summary>
    public static IReadOnlyList<RequiredDocument> Missing(Dossier dossier, ProcedureDefinition definition)
    {
        var have = Of(dossier, definition);
        return definition.RequiredDocuments.Where(r => r.Required && !have.Contains(r.Code)).ToList();
    }
}
