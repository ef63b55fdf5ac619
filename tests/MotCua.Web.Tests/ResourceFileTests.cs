using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MotCua.Web.Tests;

/// <summary>Every message exists in Vietnamese, English and French, and every key the code asks for exists.</summary>
public partial class ResourceFileTests
{
    internal static readonly string Root = FindRoot();

    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(source) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MotCua.sln"))) return dir.FullName;
        throw new InvalidOperationException("MotCua.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Read(string suffix) => ReadFile(Path.Combine(Root, "src/MotCua.Web/Resources", $"Messages{suffix}.resx"));

    private static Dictionary<string, string> ReadFile(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Every_resource_set_has_vietnamese_english_and_french_with_the_same_keys()
    {
        var neutral = Directory.EnumerateFiles(Path.Combine(Root, "src/MotCua.Web/Resources"), "*.resx", SearchOption.AllDirectories)
            .Where(f => Path.GetFileNameWithoutExtension(f).Split('.').Length == 1).ToList();
        Assert.NotEmpty(neutral);
        foreach (var file in neutral)
        {
            var vi = ReadFile(file);
            foreach (var lang in new[] { "en", "fr" })
            {
                var other = Path.ChangeExtension(file, $".{lang}.resx");
                Assert.True(File.Exists(other), $"missing {other}");
                var keys = ReadFile(other);
                Assert.True(vi.Keys.Order().SequenceEqual(keys.Keys.Order()), $"{Path.GetFileName(other)} keys differ from {Path.GetFileName(file)}");
                foreach (var (key, text) in vi)
                    Assert.True(Placeholders(text).SetEquals(Placeholders(keys[key])), $"{Path.GetFileName(other)} {key}: placeholders differ");
            }
        }
    }

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
    public void Every_message_key_used_in_the_code_exists()
    {
        var keys = Read("").Keys.ToHashSet();
        // The register feature keeps its texts in Resources/Registers/RegisterText.resx.
        var registerKeys = ReadFile(Path.Combine(Root, "src/MotCua.Web/Resources/Registers/RegisterText.resx")).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(Root, "src/MotCua.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value,
                Keys: f.Contains($"{Path.DirectorySeparatorChar}Registers{Path.DirectorySeparatorChar}") ? registerKeys : keys)))
            .ToList();
        Assert.NotEmpty(used);
        // A key ending in "." is a prefix completed at run time ("Registers.Problem." + code): some key must start with it.
        var missing = used.Where(u => u.Key.EndsWith('.') ? !u.Keys.Any(k => k.StartsWith(u.Key, StringComparison.Ordinal)) : !u.Keys.Contains(u.Key))
            .Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "missing keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_status_action_and_channel_has_a_name()
    {
        var keys = Read("").Keys.ToHashSet();
        var expected = Enum.GetNames<MotCua.Core.Dossiers.DossierStatus>().Select(n => "Status." + n)
            .Concat(Enum.GetNames<MotCua.Core.Dossiers.DossierAction>().Select(n => "Action." + n))
            .Concat(Enum.GetNames<MotCua.Core.Dossiers.IntakeChannel>().Select(n => "Channel." + n));
        Assert.All(expected, k => Assert.Contains(k, keys));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // t["Key.Name"...], Text["..."], problems.NotFound("Key.Name"...), Forbidden(, Conflict(, BadRequest(
    [GeneratedRegex(@"(?:\[|(?:NotFound|Conflict|Forbidden|BadRequest)\()""([A-Z][A-Za-z]+(?:\.[A-Za-z]+)+)""")]
    private static partial Regex KeyUse();
}
