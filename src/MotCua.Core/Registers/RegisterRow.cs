namespace MotCua.Core.Registers;

/// <summary>One entry of an old civil-status book as read from an import file or typed by a clerk, already validated.</summary>
public sealed record RegisterRow(
    RegisterKind Kind,
    string BookUnitCode,
    string BookNumber,
    int Year,
    int? Page,
    string EntryNumber,
    DateOnly? RegisteredOn,
    string FullName,
    DateOnly? DateOfBirth,
    int? BirthYear,
    RegisterSex Sex,
    string? PlaceOfBirth,
    string? FatherName,
    string? MotherName,
    string? SpouseName,
    string? Notes,
    string? ScanReference)
{
    // The search keys are folded once, when the row is made (on the import's reading thread), not each time they are read.
    // Do not copy a row with `with`: the keys would keep the old names.

    /// <summary>The accent- and case-folded full name: the exact-match key.</summary>
    public string NameFolded { get; } = RegisterSearchText.FoldName(FullName);

    /// <summary><see cref="MotCua.Core.Units.VietnameseText.SpellingKey"/> of the full name: exact with accents, any case.</summary>
    public string NameSpelling { get; } = MotCua.Core.Units.VietnameseText.SpellingKey(FullName);

    /// <summary>The folded father's name (null when none): an exact-match key of a search by a parent's name.</summary>
    public string? FatherFolded { get; } = RegisterSearchText.FoldOptionalName(FatherName);

    /// <summary>The folded mother's name (null when none).</summary>
    public string? MotherFolded { get; } = RegisterSearchText.FoldOptionalName(MotherName);

    /// <summary>The folded spouse's name (null when none).</summary>
    public string? SpouseFolded { get; } = RegisterSearchText.FoldOptionalName(SpouseName);

    /// <summary>The folded names of the father, mother and spouse, one text: what a search by the words of parents' names matches.</summary>
    public string RelativesFolded => string.Join(' ', new[] { FatherFolded, MotherFolded, SpouseFolded }.Where(n => n is not null));
}
