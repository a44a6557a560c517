using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class TrustedProxyTests : IntegrationTest
{
    [TestCase(true, "203.0.113.7")]
    [TestCase(false, "10.9.9.9")]
    public async Task X_Forwarded_For_is_honoured_only_from_configured_proxies(bool trusted, string expectedIp)
    {
        await using var server = new KeyBoxFactory(trusted
            ? new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.9.9.9" }
            : new Dictionary<string, string?>());
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P");
        using var client = ClientAt("https://proxied.example", server: server);
        client.DefaultRequestHeaders.Add("X-Test-Remote-IP", "10.9.9.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { license_code = license["license_code"]!.GetValue<string>() }, HttpStatusCode.OK);

        var activations = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}/activations", null, HttpStatusCode.OK);
        Assert.That(activations["data"]![0]!["ip"]!.GetValue<string>(), Is.EqualTo(expectedIp));
    }
}
