using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MotCua.Browser.Tests;

/// <summary>The administration texts exist in Vietnamese, English and French, and every key the pages ask for exists.</summary>
public partial class AdminTextResourceTests
{
    private static string Root([CallerFilePath] string file = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    private static Dictionary<string, string> Read(string suffix) =>
        XDocument.Load(Path.Combine(Root(), "src/MotCua.Web/Resources/Administration", $"AdminText{suffix}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void The_three_languages_have_the_same_keys_and_placeholders()
    {
        var vi = Read("");
        foreach (var suffix in new[] { ".en", ".fr" })
        {
            var other = Read(suffix);
            Assert.Equal(vi.Keys.Order(), other.Keys.Order());
            foreach (var (key, text) in vi)
                Assert.True(Placeholders(text).SetEquals(Placeholders(other[key])), $"{suffix} {key}: placeholders differ");
        }
    }

    [Fact]
    public void Every_key_used_by_the_administration_pages_exists()
    {
        var keys = Read("").Keys.ToHashSet();
        var folder = Path.Combine(Root(), "src/MotCua.Web/Administration");
        var used = Directory.EnumerateFiles(folder, "*.*").Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(u => u.Key.EndsWith('.') ? !keys.Any(k => k.StartsWith(u.Key, StringComparison.Ordinal)) : !keys.Contains(u.Key))
            .Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "missing keys: " + string.Join(", ", missing));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // A["Key"], A["Prefix." + value], a.GetString("Key"), Say("Key")
    [GeneratedRegex(@"(?:\bA\[|GetString\(|Say\()""([A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]*)""")]
    private static partial Regex KeyUse();
}
