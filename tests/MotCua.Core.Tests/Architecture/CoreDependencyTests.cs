using NetArchTest.Rules;

namespace MotCua.Core.Tests.Architecture;

/// <summary>The domain stays pure: the rules can be read and tested without a database or a web server.</summary>
public class CoreDependencyTests
{
    private static readonly System.Reflection.Assembly Core = typeof(MotCua.Core.Dossiers.Dossier).Assembly;

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("MotCua.Data")]
    [InlineData("MotCua.Web")]
    public void Core_does_not_depend_on(string forbidden)
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{forbidden} used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Core_references_no_assembly_outside_the_framework()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System") || name == "netstandard" || name == "mscorlib", name));
    }
}
