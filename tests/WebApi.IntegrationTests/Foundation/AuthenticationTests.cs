using System.Net;
using System.Net.Http.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class AuthenticationTests : IntegrationTest
{
    private const string InternalRoute = "/api/internal/products";
    private const string ExternalRoute = "/api/external/connection-check";

    [TestCase(InternalRoute)]
    [TestCase(ExternalRoute)]
    public async Task Missing_key_is_401(string route)
    {
        using var response = await Anonymous.GetAsync(route);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("API key"));
    }

    [TestCase(InternalRoute)]
    [TestCase(ExternalRoute)]
    public async Task Unknown_key_is_401(string route)
    {
        using var client = Server.CreateClientWithKey("kb_unknown_key_that_was_never_issued");
        using var response = await client.GetAsync(route);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(InternalRoute, "internal")]
    [TestCase(ExternalRoute, "external")]
    public async Task Revoked_key_is_401(string route, string type)
    {
        var (id, key) = await IssueKeyAsync(type);
        using var client = Server.CreateClientWithKey(key);
        using (var before = await client.GetAsync(route))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/api-keys/{id}", null, HttpStatusCode.OK);
        await Server.ReinitialiseAsync(); // forget cached authentications, as the cache's short lifetime would

        using var response = await client.GetAsync(route);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("revoked"));
    }

    [TestCase(InternalRoute, "internal")]
    [TestCase(ExternalRoute, "external")]
    public async Task Expired_key_is_401(string route, string type)
    {
        var (_, key) = await IssueKeyAsync(type, expiresAt: DateTimeOffset.UtcNow.AddHours(1));
        Server.Clock.Advance(TimeSpan.FromHours(2));
        using var client = Server.CreateClientWithKey(key);
        using var response = await client.GetAsync(route);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("expired"));
    }

    [Test]
    public async Task External_key_on_an_internal_route_is_403()
    {
        using var response = await External.GetAsync(InternalRoute);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        JsonAssert.IsBoolean(json["status"], false, "status");
    }

    [Test]
    public async Task Internal_key_may_call_external_routes()
    {
        using var response = await Internal.GetAsync(ExternalRoute);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Legacy_LB_API_KEY_header_is_accepted()
    {
        using var client = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey, "LB-API-KEY");
        var json = await SendAsync(client, HttpMethod.Get, ExternalRoute, null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        JsonAssert.IsBoolean(json["status"], true, "status");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Connection successful"));
    }

    [Test]
    public async Task External_401_uses_the_external_envelope()
    {
        using var response = await Anonymous.GetAsync(ExternalRoute);
        var json = await ReadObjectAsync(response);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
    }

    private async Task<(string Id, string Key)> IssueKeyAsync(string type, DateTimeOffset? expiresAt = null)
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys",
            new { name = "test " + type, type, expires_at = expiresAt }, HttpStatusCode.Created);
        return (json["data"]!["id"]!.GetValue<string>(), json["data"]!["key"]!.GetValue<string>());
    }
}
