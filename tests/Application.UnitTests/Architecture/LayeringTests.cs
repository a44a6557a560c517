using System.Reflection;
using KeyBox.Domain.Products;

namespace KeyBox.Application.UnitTests.Architecture;

/// <summary>Dependencies point inward: Domain knows nothing of EF, HTTP or JSON; Application nothing of the outer layers.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(Product).Assembly;
    private static readonly Assembly Application = typeof(DependencyInjection).Assembly;

    private static string[] ReferencedNames(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Test]
    public void The_assemblies_under_test_are_the_KeyBox_layers()
    {
        Assert.That(Domain.GetName().Name, Is.EqualTo("KeyBox.Domain"));
        Assert.That(Application.GetName().Name, Is.EqualTo("KeyBox.Application"));
        Assert.That(ReferencedNames(Application), Does.Contain("KeyBox.Domain"), "the check sees real references");
    }

    [Test]
    public void Domain_references_no_persistence_web_or_json_assembly()
    {
        var offending = ReferencedNames(Domain).Where(name =>
            name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("System.Text.Json", StringComparison.Ordinal)
            || name.StartsWith("Newtonsoft.Json", StringComparison.Ordinal)
            || name.StartsWith("KeyBox.", StringComparison.Ordinal));

        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void Application_references_neither_Infrastructure_nor_WebApi_nor_Npgsql_nor_ASP_NET()
    {
        var offending = ReferencedNames(Application).Where(name =>
            name is "KeyBox.Infrastructure" or "KeyBox.WebApi"
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore.Relational", StringComparison.Ordinal));

        Assert.That(offending, Is.Empty);
    }
}
