using System.Globalization;
using MotCua.Core.Units;

namespace MotCua.Core.Registers;

/// <summary>
/// Reads and checks one row of an import file (values by column name). The book's unit defaults to the importing unit
/// and must be it or one of the units merged into it (<paramref name="lineageCodes"/>).
/// </summary>
public sealed class RegisterRowParser(string importingUnitCode, IReadOnlySet<string> lineageCodes, DateOnly today)
{
    public const int NameMax = 150;
    public const int ShortMax = 20;
    public const int PlaceMax = 300;
    public const int NotesMax = 2000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy"];

    public RegisterRow? Parse(long row, Func<string, string?> value, List<RegisterRowProblem> problems)
    {
        var before = problems.Count;
        string? Text(string column, int max, bool required = false)
        {
            var v = value(column);
            v = string.IsNullOrWhiteSpace(v) ? null : VietnameseText.Canonical(v);
            if (v is null && required) problems.Add(new(row, column, RegisterProblemCode.Required));
            else if (v is not null && v.Length > max) problems.Add(new(row, column, RegisterProblemCode.TooLong, v[..Math.Min(v.Length, 40)]));
            return v;
        }

        var kindText = Text(RegisterColumns.Kind, 40, required: true);
        RegisterKind kind = default;
        if (kindText is not null && !TryParseKind(kindText, out kind))
            problems.Add(new(row, RegisterColumns.Kind, RegisterProblemCode.Invalid, kindText));

        var unit = Text(RegisterColumns.UnitCode, ShortMax) ?? importingUnitCode;
        if (!lineageCodes.Contains(unit))
            problems.Add(new(row, RegisterColumns.UnitCode, RegisterProblemCode.UnitNotInLineage, unit));

        var book = Text(RegisterColumns.BookNumber, ShortMax, required: true);
        var year = Number(row, RegisterColumns.Year, value, problems, required: true);
        if (year is not null && (year < 1900 || year > today.Year))
            problems.Add(new(row, RegisterColumns.Year, RegisterProblemCode.OutOfRange, year.ToString()));
        var page = Number(row, RegisterColumns.Page, value, problems, required: false);
        var entry = Text(RegisterColumns.EntryNumber, ShortMax, required: true);
        var registeredOn = Date(row, RegisterColumns.RegisteredOn, value, problems, out _);
        var fullName = Text(RegisterColumns.FullName, NameMax, required: true);
        var dateOfBirth = Date(row, RegisterColumns.DateOfBirth, value, problems, out var birthYear);
        if (dateOfBirth is { } born && registeredOn is { } registered && born > registered)
            problems.Add(new(row, RegisterColumns.DateOfBirth, RegisterProblemCode.OutOfRange, born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var sexText = Text(RegisterColumns.Sex, 10);
        var sex = RegisterSex.Unknown;
        if (sexText is not null && !TryParseSex(sexText, out sex))
            problems.Add(new(row, RegisterColumns.Sex, RegisterProblemCode.Invalid, sexText));
        var place = Text(RegisterColumns.PlaceOfBirth, PlaceMax);
        var father = Text(RegisterColumns.FatherName, NameMax);
        var mother = Text(RegisterColumns.MotherName, NameMax);
        var spouse = Text(RegisterColumns.SpouseName, NameMax);
        var notes = Text(RegisterColumns.Notes, NotesMax);
        var scan = Text(RegisterColumns.ScanReference, PlaceMax);

        if (problems.Count > before) return null;
        return new RegisterRow(kind, unit, book!, year!.Value, page, entry!, registeredOn, fullName!, dateOfBirth,
            birthYear ?? dateOfBirth?.Year, sex, place, father, mother, spouse, notes, scan);
    }

    /// <summary>English names (birth, death, marriage, ...) or Vietnamese ones with or without accents (khai sinh, khai tử, kết hôn, ...).</summary>
    public static bool TryParseKind(string text, out RegisterKind kind)
    {
        var key = VietnameseText.Fold(text).Replace(" ", "").Replace("_", "");
        kind = key switch
        {
            "birth" or "khaisinh" => RegisterKind.Birth,
            "death" or "khaitu" => RegisterKind.Death,
            "marriage" or "kethon" => RegisterKind.Marriage,
            "parentchildrecognition" or "nhancha" or "nhanme" or "nhanchame" or "nhanchamecon" => RegisterKind.ParentChildRecognition,
            "guardianship" or "giamho" => RegisterKind.Guardianship,
            "other" or "khac" => RegisterKind.Other,
            _ => (RegisterKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static bool TryParseSex(string text, out RegisterSex sex)
    {
        sex = VietnameseText.Fold(text) switch
        {
            "m" or "male" or "nam" => RegisterSex.Male,
            "f" or "female" or "nu" => RegisterSex.Female,
            "" or "?" or "unknown" or "khong ro" => RegisterSex.Unknown,
            _ => (RegisterSex)(-1),
        };
        return Enum.IsDefined(sex);
    }

    private static int? Number(long row, string column, Func<string, string?> value, List<RegisterRowProblem> problems, bool required)
    {
        var v = value(column)?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required) problems.Add(new(row, column, RegisterProblemCode.Required));
            return null;
        }
        if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        problems.Add(new(row, column, RegisterProblemCode.Invalid, v.Length > 40 ? v[..40] : v));
        return null;
    }

    /// <summary>A full date, or a year alone (old books often give only the year of birth): then the date is null and the year set.</summary>
    private DateOnly? Date(long row, string column, Func<string, string?> value, List<RegisterRowProblem> problems, out int? yearOnly)
    {
        yearOnly = null;
        var v = value(column)?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length == 4 && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            if (y < 1850 || y > today.Year) problems.Add(new(row, column, RegisterProblemCode.OutOfRange, v));
            else yearOnly = y;
            return null;
        }
        if (!DateOnly.TryParseExact(v, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(new(row, column, RegisterProblemCode.Invalid, v.Length > 40 ? v[..40] : v));
            return null;
        }
        if (date.Year < 1850 || date > today)
        {
            problems.Add(new(row, column, RegisterProblemCode.OutOfRange, v));
            return null;
        }
        return date;
    }
}
