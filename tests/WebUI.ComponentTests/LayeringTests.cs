namespace KeyBox.WebUI.ComponentTests;

/// <summary>The console is a presentation surface: it sends Mediator messages, and knows neither the database nor the API.</summary>
public sealed class LayeringTests
{
    [Test]
    public void The_console_references_neither_Infrastructure_nor_the_API_nor_EF_Core()
    {
        var references = typeof(ConsoleHosting).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.That(references, Does.Contain("KeyBox.Application"), "the check sees real references");
        Assert.That(references.Where(name =>
            name is "KeyBox.Infrastructure" or "KeyBox.WebApi"
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)), Is.Empty);
    }
}
