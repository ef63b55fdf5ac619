namespace MotCua.Core.Registers;

/// <summary>The columns of a register import file (docs/registers.md), by header name; the order in the file is free.</summary>
public static class RegisterColumns
{
    public const string Kind = "kind";
    public const string UnitCode = "unit_code";
    public const string BookNumber = "book_number";
    public const string Year = "year";
    public const string Page = "page";
    public const string EntryNumber = "entry_number";
    public const string RegisteredOn = "registered_on";
    public const string FullName = "full_name";
    public const string DateOfBirth = "date_of_birth";
    public const string Sex = "sex";
    public const string PlaceOfBirth = "place_of_birth";
    public const string FatherName = "father_name";
    public const string MotherName = "mother_name";
    public const string SpouseName = "spouse_name";
    public const string Notes = "notes";
    public const string ScanReference = "scan_ref";

    public static readonly IReadOnlyList<string> All =
    [
        Kind, UnitCode, BookNumber, Year, Page, EntryNumber, RegisteredOn, FullName, DateOfBirth, Sex, PlaceOfBirth,
        FatherName, MotherName, SpouseName, Notes, ScanReference,
    ];

    /// <summary>Columns a file must have (a value may still be empty where the column is optional).</summary>
    public static readonly IReadOnlyList<string> Required = [Kind, BookNumber, Year, EntryNumber, FullName];
}
