using System.Diagnostics;
using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class OperatorCommandTests : IntegrationTest
{
    [Test]
    public async Task The_api_keys_create_verb_prints_a_working_key_once()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "KeyBox.WebApi.dll"), "api-keys", "create", "--type", "external", "--name", "ops" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__KeyBox"] = TestDatabase.ConnectionString;
        start.Environment["Secrets__MasterKey"] = KeyBoxFactory.MasterKey;
        start.Environment["Bootstrap__AdminEmail"] = KeyBoxFactory.AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = KeyBoxFactory.AdminPassword;
        start.Environment["Bootstrap__InternalApiKey"] = KeyBoxFactory.InternalKey;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(0), output + errors);

        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("kb_", StringComparison.Ordinal));
        using var client = Server.CreateClientWithKey(key);
        using var response = await client.GetAsync("/api/external/connection-check");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var internalRoute = await client.GetAsync("/api/internal/products");
        Assert.That(internalRoute.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "an external key");
    }
}
