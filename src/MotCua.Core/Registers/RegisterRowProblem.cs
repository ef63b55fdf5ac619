namespace MotCua.Core.Registers;

/// <summary>Why a row of an import file was refused: the column and a code the web layer turns into a sentence.</summary>
public sealed record RegisterRowProblem(long Row, string Column, RegisterProblemCode Code, string? Value = null);

public enum RegisterProblemCode
{
    /// <summary>The value is missing.</summary>
    Required,
    /// <summary>The value cannot be read (a date, a number, a kind, a sex).</summary>
    Invalid,
    /// <summary>The value is longer than the column allows.</summary>
    TooLong,
    /// <summary>The year or date lies in the future, before 1900, or the birth after the registration.</summary>
    OutOfRange,
    /// <summary>The unit is neither the importing unit nor one of the units merged into it.</summary>
    UnitNotInLineage,
    /// <summary>The same unit, kind, book, year and entry number appear twice in the file.</summary>
    DuplicateInFile,
    /// <summary>The file lacks a required column (row 0: the header).</summary>
    MissingColumn,
    /// <summary>Entries with the same unit, kind, book, year and entry number are already in the database.</summary>
    AlreadyImported,
}
