using System.Runtime.CompilerServices;
using System.Text.Json;
using MotCua.Core.Units;

namespace MotCua.Core.Tests.Units;

/// <summary>The real administrative-units file of the repository, read once for all tests.</summary>
internal static class RealUnitFile
{
    private const string RelativePath = "src/MotCua.Data/Seed/units/address.json";

    private static readonly Lazy<string> LazyPath = new(FindPath);
    private static readonly Lazy<UnitImportPlan> LazyPlan = new(Read);
    private static readonly Lazy<IReadOnlyList<JsonElement>> LazyMappingRows = new(ReadMappingRows);

    public static string Path => LazyPath.Value;

    public static UnitImportPlan Plan => LazyPlan.Value;

    /// <summary>The raw rows of the ward_mappings table, to check the plan against.</summary>
    public static IReadOnlyList<JsonElement> MappingRows => LazyMappingRows.Value;

    public static UnitImportPlan Read()
    {
        using var stream = File.OpenRead(Path);
        return UnitFileReader.Read(stream);
    }

    // Walks up from the test binaries, then (for builds with an --artifacts-path outside the repository) from the
    // working directory and from this source file.
    private static string FindPath()
    {
        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, SourceDirectory()];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = System.IO.Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException($"{RelativePath} not found above {string.Join(", ", starts)}.");
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => System.IO.Path.GetDirectoryName(file) ?? "/";

    private static IReadOnlyList<JsonElement> ReadMappingRows()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path));
        var table = document.RootElement.EnumerateArray()
            .Single(item => item.TryGetProperty("name", out var name) && name.GetString() == "ward_mappings");
        return table.GetProperty("data").EnumerateArray().Select(row => row.Clone()).ToList();
    }
}
