namespace MotCua.Core.Registers;

/// <summary>The kind of civil-status book (sổ hộ tịch) an entry was written in.</summary>
public enum RegisterKind
{
    Birth,
    Death,
    Marriage,
    ParentChildRecognition,
    Guardianship,
    Other,
}

/// <summary>Sex as written in the book; Unknown when the book does not say or cannot be read.</summary>
public enum RegisterSex
{
    Unknown,
    Male,
    Female,
}
