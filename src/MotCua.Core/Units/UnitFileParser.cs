using System.Text.Json;

namespace MotCua.Core.Units;

/// <summary>
/// Reads the JSON layout of the administrative-units file: one array whose items with "type": "table" carry a
/// "name" (provinces, wards, ward_mappings) and a "data" array of row objects. Other items are ignored.
/// The provinces and wards tables are required; ward_mappings may be absent (a file of current units only).
/// </summary>
internal static class UnitFileParser
{
    private const string Expected =
        "expected a JSON array holding items like {\"type\": \"table\", \"name\": \"provinces\" | \"wards\" | \"ward_mappings\", \"data\": [ ... ]}";

    public static UnitFileContent Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseJson(json);
        var tables = FindTables(document.RootElement);
        var unreadable = new List<UnitImportProblem>();

        var provinces = ReadRows(tables, "provinces", required: true, unreadable, (i, s) =>
            new ProvinceRow(i, s("province_code"), s("code"), s("name")));
        var wards = ReadRows(tables, "wards", required: true, unreadable, (i, s) =>
            new WardRow(i, s("ward_code"), s("name"), s("province_code")));
        var mappings = ReadRows(tables, "ward_mappings", required: false, unreadable, (i, s) =>
            new WardMappingRow(i, s("old_ward_code"), s("old_ward_name"), s("old_district_name"), s("old_province_name"),
                s("new_ward_code"), s("new_ward_name"), s("new_province_name")));

        return new UnitFileContent(provinces, wards, mappings, unreadable);
    }

    private static JsonDocument ParseJson(Stream json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException(
                $"The administrative-units file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    private static Dictionary<string, JsonElement> FindTables(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
            throw new FormatException($"The administrative-units file starts with a JSON {root.ValueKind}; {Expected}.");

        var tables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var position = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && TextOf(item, "type") == "table")
            {
                var name = TextOf(item, "name")
                    ?? throw new FormatException($"Item {position} of the administrative-units file is a table without a \"name\"; {Expected}.");
                if (!item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                    throw new FormatException($"Table \"{name}\" (item {position}) has no \"data\" array; {Expected}.");
                if (!tables.TryAdd(name, data))
                    throw new FormatException($"Table \"{name}\" appears twice in the administrative-units file (again at item {position}).");
            }
            position++;
        }
        return tables;
    }

    private delegate T RowFactory<out T>(int index, Func<string, string?> field);

    private static List<T> ReadRows<T>(
        Dictionary<string, JsonElement> tables, string table, bool required, List<UnitImportProblem> unreadable, RowFactory<T> create)
    {
        if (!tables.TryGetValue(table, out var data))
        {
            if (required)
                throw new FormatException($"The administrative-units file has no \"{table}\" table; {Expected}.");
            return [];
        }

        var rows = new List<T>(data.GetArrayLength());
        var index = 0;
        foreach (var row in data.EnumerateArray())
        {
            var at = $"{table}[{index}]";
            if (row.ValueKind != JsonValueKind.Object)
                unreadable.Add(new UnitImportProblem(UnitImportProblemKind.InvalidRow, $"{at}: a {row.ValueKind}, not an object; skipped.", index));
            else if (FirstNonTextField(row, out var field, out var kind))
                unreadable.Add(new UnitImportProblem(UnitImportProblemKind.InvalidRow,
                    $"{at}: field \"{field}\" is a {kind}, not text (codes must be strings to keep leading zeros); skipped.", index));
            else
                rows.Add(create(index, name => TextOf(row, name)));
            index++;
        }
        return rows;
    }

    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "province_code", "code", "name", "ward_code", "old_ward_code", "old_ward_name", "old_district_name",
        "old_province_name", "new_ward_code", "new_ward_name", "new_province_name",
    };

    private static bool FirstNonTextField(JsonElement row, out string field, out JsonValueKind kind)
    {
        foreach (var property in row.EnumerateObject())
        {
            if (TextFields.Contains(property.Name) && property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                (field, kind) = (property.Name, property.Value.ValueKind);
                return true;
            }
        }
        (field, kind) = ("", JsonValueKind.Undefined);
        return false;
    }

    private static string? TextOf(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
