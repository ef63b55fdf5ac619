namespace MotCua.Core.Units;

/// <summary>What is wrong with (part of) an administrative-units file, and how the reader handled it.</summary>
public enum UnitImportProblemKind
{
    /// <summary>A mapping row's new_ward_code is not a current unit; the successor was found by name within the province.</summary>
    SuccessorMatchedByName = 0,
    /// <summary>A mapping row's successor was found neither by code nor by name; the row gives no succession.</summary>
    SuccessorUnmatched = 1,
    /// <summary>A mapping row has no old_ward_code and no other row names the same old unit with a code; a synthetic code was assigned.</summary>
    MissingOldCode = 2,
    /// <summary>An old unit maps to more than one new unit; its successions are marked partial.</summary>
    SplitPredecessor = 3,
    /// <summary>A row repeats a unit code or a succession already read; it was skipped.</summary>
    DuplicateRow = 4,
    /// <summary>A row lacks a required field or has one of the wrong form; it was skipped.</summary>
    InvalidRow = 5,
    /// <summary>A mapping row's new_ward_code is a unit of another province than new_province_name; resolved as the detail says.</summary>
    ProvinceMismatch = 6,
    /// <summary>A mapping row has no old_ward_code but another row names the same old unit (same name, district and province) with one; that code was used.</summary>
    OldCodeMatchedByName = 7,
    /// <summary>A mapping row's successor name fits several units of the province (e.g. they differ only in diacritics); the row gives no succession.</summary>
    AmbiguousSuccessorName = 8,
    /// <summary>A mapping row's new_ward_code is a unit of the right province with another name; the code was trusted.</summary>
    SuccessorNameMismatch = 9,
    /// <summary>Several coded old units share a name within the same old district and province (probably a misspelt old name).</summary>
    AmbiguousOldName = 10,
    /// <summary>An old code is also the code of an unrelated current unit; a bare code is ambiguous for that value.</summary>
    ReusedCode = 11,
    /// <summary>A current commune-level unit has no mapping row (no predecessor).</summary>
    NoPredecessor = 12,
    /// <summary>A name was not in Unicode NFC or had stray whitespace; it was normalised.</summary>
    NonCanonicalText = 13,
    /// <summary>A unit name does not start with Xã, Phường, Thị trấn or Đặc khu; kind Commune was assumed.</summary>
    UnknownNamePrefix = 14,
    /// <summary>An old code appears in several rows with different names; the first was kept.</summary>
    ConflictingOldUnit = 15,
}
