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
    /// <summary>The accent- and case-folded full name: the exact-match key.</summary>
    public string NameFolded => RegisterSearchText.FoldName(FullName);

    /// <summary>The folded names of the father, mother and spouse, one text: what a search by parents' names matches.</summary>
    public string RelativesFolded => RegisterSearchText.FoldRelatives(FatherName, MotherName, SpouseName);
}
