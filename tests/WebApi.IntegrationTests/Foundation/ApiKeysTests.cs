using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class ApiKeysTests : IntegrationTest
{
    [Test]
    public async Task Created_key_is_shown_once_and_listed_without_its_value()
    {
        var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys", new { name = "shop", type = "external" }, HttpStatusCode.Created);
        JsonAssert.IsBoolean(created["status"], true, "status");
        var key = created["data"]!["key"]!.GetValue<string>();
        Assert.That(key, Has.Length.GreaterThanOrEqualTo(32), "at least 128 random bits");
        Assert.That(created["data"]!["type"]!.GetValue<string>(), Is.EqualTo("external"));

        var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/api-keys", null, HttpStatusCode.OK);
        var listed = list["data"]!.AsArray().Select(k => k!.AsObject()).ToList();
        Assert.That(listed.Select(k => k["name"]!.GetValue<string>()), Does.Contain("shop"));
        Assert.That(listed.All(k => !k.ContainsKey("key")), Is.True, "plain keys never appear again");
        Assert.That(list.ToJsonString(), Does.Not.Contain(key));
        Assert.That(list["meta"]!["has_more"]!.GetValue<bool>(), Is.False);

        using var client = Server.CreateClientWithKey(key);
        using var response = await client.GetAsync("/api/external/connection-check");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Key_with_invalid_type_is_422()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys", new { name = "x", type = "superuser" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("type"));
    }

    [Test]
    public async Task Key_with_past_expiry_is_422()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys",
            new { name = "x", type = "internal", expires_at = "2001-01-01" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("expires_at"));
    }

    [Test]
    public async Task Revoking_an_unknown_key_is_404()
    {
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/api-keys/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Last_used_time_is_recorded_in_the_background()
    {
        var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys", new { name = "used", type = "external" }, HttpStatusCode.Created);
        using var client = Server.CreateClientWithKey(created["data"]!["key"]!.GetValue<string>());
        using (await client.GetAsync("/api/external/connection-check"))
        {
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? lastUsed = null;
        while (lastUsed is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/api-keys?per_page=100", null, HttpStatusCode.OK);
            lastUsed = list["data"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "used")!["last_used_at"]?.GetValue<string>();
        }

        Assert.That(lastUsed, Is.Not.Null);
    }
}
