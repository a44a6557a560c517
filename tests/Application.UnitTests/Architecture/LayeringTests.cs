using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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

    /// <summary>
    /// What Application may use of EF Core: the async LINQ operators (<c>ToListAsync</c>, <c>FirstOrDefaultAsync</c>,
    /// <c>Include</c> …) over <c>IReadStore</c>'s queryables, and <c>EF.Constant</c> in keyset paging. Nothing of a
    /// DbContext, change tracking or configuration, and nothing of a cache: the read cache is Infrastructure's, behind
    /// the read ports (<c>IActivationReads</c>, <c>ILicenseReads</c>, <c>ICatalogReads</c>).
    /// </summary>
    private static readonly string[] AllowedEntityFrameworkTypes =
    [
        "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions",
        "Microsoft.EntityFrameworkCore.EF",
    ];

    /// <summary>Every type the assembly's code refers to in another assembly (its metadata's type references), by full name.</summary>
    private static string[] ReferencedTypes(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            .Distinct()
            .ToArray();
    }

    [Test]
    public void Application_uses_no_caching_type_and_of_EF_Core_only_the_query_operators_over_the_read_store()
    {
        var types = ReferencedTypes(Application);
        Assert.That(types, Does.Contain("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions"), "the check sees real type references");

        var offending = types.Where(name =>
            name.StartsWith("Microsoft.Extensions.Caching.", StringComparison.Ordinal)
            || (name.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal) && !AllowedEntityFrameworkTypes.Contains(name)));
        Assert.That(offending, Is.Empty);
        Assert.That(ReferencedNames(Application).Where(name => name.StartsWith("Microsoft.Extensions.Caching", StringComparison.Ordinal)), Is.Empty);
        Assert.That(
            Application.GetTypes().Where(t => t.Namespace?.Contains(".Caching", StringComparison.Ordinal) == true).Select(t => t.FullName),
            Is.Empty,
            "no cache in Application: the read ports' implementations keep theirs in Infrastructure");
    }
}
