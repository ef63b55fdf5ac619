using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MotCua.Browser.Tests;

/// <summary>
/// Every key the administration pages ask for exists in AdminText.resx. (That English and French have the same keys and
/// placeholders is checked for every resource set by MotCua.Web.Tests' ResourceFileTests.)
/// </summary>
public partial class AdminTextResourceTests
{
    private static string Root([CallerFilePath] string file = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    private static Dictionary<string, string> Read(string suffix) =>
        XDocument.Load(Path.Combine(Root(), "src/MotCua.Web/Resources/Administration", $"AdminText{suffix}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

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

    // A["Key"], A["Prefix." + value], a.GetString("Key"), Say("Key")
    [GeneratedRegex(@"(?:\bA\[|GetString\(|Say\()""([A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]*)""")]
    private static partial Regex KeyUse();
}
