using MotCua.Core.Registers;
using MotCua.Data.Entities;

namespace MotCua.Web.Registers;

/// <summary>How a found entry matched the name asked for, best first.</summary>
public enum RegisterMatch
{
    /// <summary>The full name with the same accents (any case).</summary>
    Exact,
    /// <summary>The full name without accents.</summary>
    ExactFolded,
    /// <summary>The full name starts with what was typed.</summary>
    Prefix,
    /// <summary>Every word typed starts a word of the name, in any order.</summary>
    Words,
    /// <summary>No name was asked for.</summary>
    None,
}

public sealed record RegisterEntryDto(long Id, RegisterKind Kind, string BookUnitCode, string UnitCode, string BookNumber, int Year,
    int? Page, string EntryNumber, DateOnly? RegisteredOn, string FullName, DateOnly? DateOfBirth, int? BirthYear, RegisterSex Sex,
    string? PlaceOfBirth, string? FatherName, string? MotherName, string? SpouseName, string? Notes, string? ScanReference, long? PageId,
    RegisterMatch Match)
{
    public static RegisterEntryDto From(LegacyRegisterEntry e, RegisterMatch match = RegisterMatch.None) => new(e.Id, e.Kind, e.BookUnitCode,
        e.UnitCode, e.BookNumber, e.Year, e.Page, e.EntryNumber, e.RegisteredOn, e.FullName, e.DateOfBirth, e.BirthYear, e.Sex,
        e.PlaceOfBirth, e.FatherName, e.MotherName, e.SpouseName, e.Notes, e.ScanReference, e.PageId, match);
}

public sealed record RegisterSearchResult(IReadOnlyList<RegisterEntryDto> Items, int Page, int PageSize, bool HasMore);
