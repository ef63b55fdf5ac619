using System.Data;
using System.Globalization;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace MotCua.Web.Registers;

/// <summary>
/// Streams the rows of a register import file, one at a time: CSV (UTF-8, comma or semicolon, header row) or Excel
/// (.xlsx/.xls, first sheet, header row). Header names are matched case-insensitively after trimming.
/// </summary>
public static class RegisterFileReader
{
    static RegisterFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>One data row: its number in the file (the header is row 1) and its values by column name.</summary>
    public sealed record Row(long Number, Func<string, string?> Value);

    public static bool IsExcel(string fileName) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header's column names (lower case) and the rows.</summary>
    public static (IReadOnlyList<string> Header, IEnumerable<Row> Rows) Open(Stream stream, string fileName) =>
        IsExcel(fileName) ? OpenExcel(stream) : OpenCsv(stream);

    private static (IReadOnlyList<string>, IEnumerable<Row>) OpenCsv(Stream stream)
    {
        // CsvHelper 34: separator detected among , ; tab |; UTF-8 unless a BOM says otherwise.
        var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { TrimWhitespace = true }, false);
        var header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var index = Index(header);
        return (header, Rows());

        IEnumerable<Row> Rows()
        {
            using (csv)
                while (csv.Read())
                {
                    var values = new string?[header.Length];
                    for (var i = 0; i < header.Length && i < csv.FieldCount; i++) values[i] = csv.GetString(i);
                    yield return new Row(csv.RowNumber + 1, c => index.TryGetValue(c, out var i) ? values[i] : null);
                }
        }
    }

    private static (IReadOnlyList<string>, IEnumerable<Row>) OpenExcel(Stream stream)
    {
        var reader = ExcelReaderFactory.CreateReader(stream);
        if (!reader.Read()) { reader.Dispose(); return ([], []); }
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i)?.Trim().ToLowerInvariant() ?? "").ToArray();
        var index = Index(header);
        return (header, Rows());

        IEnumerable<Row> Rows()
        {
            using (reader)
            {
                long number = 1;
                while (reader.Read())
                {
                    number++;
                    var values = new string?[header.Length];
                    var empty = true;
                    for (var i = 0; i < header.Length && i < reader.FieldCount; i++)
                    {
                        values[i] = Cell(reader, i);
                        empty &= string.IsNullOrWhiteSpace(values[i]);
                    }
                    if (!empty) yield return new Row(number, c => index.TryGetValue(c, out var i) ? values[i] : null);
                }
            }
        }
    }

    /// <summary>A cell as text; dates as yyyy-MM-dd and whole numbers without decimals, whatever the sheet's format.</summary>
    private static string? Cell(IDataRecord reader, int i) => reader.GetValue(i) switch
    {
        null or DBNull => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n when n == Math.Floor(n) && Math.Abs(n) < 1e15 => ((long)n).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString(),
    };

    private static Dictionary<string, int> Index(string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++) index.TryAdd(header[i], i);
        return index;
    }
}
