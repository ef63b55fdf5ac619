using System.Text.RegularExpressions;

namespace MotCua.Web.Tests;

/// <summary>
/// Rules for the Razor components that are not pages. A page's components render while the page may still await a
/// query on the request's DbContext (static rendering starts the children at the page's first await), so a child that
/// queries that context runs a second operation on it at the same time: EF Core throws and the page answers 500, only
/// under some timings (seen on the dossier pages). Children get their data from the page instead.
/// </summary>
public partial class ComponentRulesTests
{
    [GeneratedRegex(@"^@inject\s+(MotCua\.Data\.)?(MotCuaDbContext|UserManager<[^>]+>|SignInManager<[^>]+>|DataAccessAudit)\s", RegexOptions.Multiline)]
    private static partial Regex RequestContextInject();

    [Fact]
    public void No_component_other_than_a_page_uses_the_request_DbContext()
    {
        var web = Path.Combine(ResourceFileTests.Root, "src/MotCua.Web");
        var components = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Where(c => !c.Text.Contains("@page \"", StringComparison.Ordinal) && !c.File.EndsWith("App.razor", StringComparison.Ordinal))
            .ToList();
        Assert.True(components.Count > 5, "the components were not found under " + web);
        var offenders = components.Where(c => RequestContextInject().IsMatch(c.Text))
            .Select(c => Path.GetRelativePath(web, c.File)).ToList();
        Assert.True(offenders.Count == 0, "these components inject a service bound to the request's DbContext: " + string.Join(", ", offenders));
    }
}
