using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Accounts;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

/// <summary>Helpers for the KeyBox root routes: developers with bearer tokens, clients, projects, licenses, and SDK calls.</summary>
public abstract class KeyBoxApiTest : AccountsTest
{
    private static int _ipCounter;

    protected static async Task<JsonObject> DataAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        var json = await SendAsync(client, method, url, body, expected);
        JsonAssert.IsBoolean(json["success"], true, "success");
        JsonAssert.IsString(json["message"], "message");
        return json["data"]!.AsObject();
    }

    protected static async Task<JsonArray> ListAsync(HttpClient client, string url)
    {
        var json = await SendAsync(client, HttpMethod.Get, url, null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["success"], true, "success");
        return json["data"]!.AsArray();
    }

    protected static Task<JsonObject> CreateClientAsync(HttpClient developer, string name = "Acme", string email = "acme@example.com") =>
        DataAsync(developer, HttpMethod.Post, "/clients", new { name, email }, HttpStatusCode.Created);

    /// <summary>POST /projects; returns <c>data</c> (<c>{project, license}</c>).</summary>
    protected static Task<JsonObject> CreateProjectAsync(HttpClient developer, string name = "Editor", string? clientId = null, int? duration = null, string[]? services = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name };
        if (clientId is not null)
        {
            body["clientId"] = clientId;
        }

        if (duration is not null)
        {
            body["duration"] = duration;
        }

        if (services is not null)
        {
            body["services"] = services;
        }

        return DataAsync(developer, HttpMethod.Post, "/projects", body, HttpStatusCode.Created);
    }

    protected static Task<JsonObject> CreateKeyBoxLicenseAsync(HttpClient developer, string clientId, string projectId, int duration = 1, string[]? services = null) =>
        DataAsync(developer, HttpMethod.Post, "/license/create", new { duration, clientId, projectId, services }, HttpStatusCode.Created);

    /// <summary>A developer's client, project (named <paramref name="project"/>) and pending license; returns the license key.</summary>
    protected static async Task<(string ClientId, string ProjectId, string Key)> SetUpLicenseAsync(HttpClient developer, string project = "Editor", int duration = 1, string email = "acme@example.com")
    {
        var client = await CreateClientAsync(developer, "Acme", email);
        var created = await CreateProjectAsync(developer, project, Id(client), duration);
        return (Id(client), Id(created["project"]), created["license"]!["key"]!.GetValue<string>());
    }

    protected static string Id(JsonNode? resource) => resource!["id"]!.GetValue<string>();

    /// <summary>
    /// Calls a /validate route as a KeyBox SDK does: no credentials, only <c>Content-Type: application/json</c>. Each call
    /// comes from a new IP (so the 5-per-15-minutes limit does not interfere) unless <paramref name="ip"/> is given.
    /// </summary>
    protected async Task<JsonObject> SdkAsync(string path, object body, HttpStatusCode expected, string? ip = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(TestRemoteIpStartupFilter.Header, ip ?? NextIp());
        using var response = await Anonymous.SendAsync(request);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(expected), () => $"POST {path}: {json.ToJsonString()}");
        return json;
    }

    protected Task<JsonObject> ActivateAsync(string key, string machineId, string instanceId, HttpStatusCode expected = HttpStatusCode.OK, string? productName = null) =>
        SdkAsync("/validate/activate", new { key, productName, instanceId, machineId }, expected);

    protected Task<JsonObject> ValidateAsync(string key, string machineId, string instanceId, string? productName = null) =>
        SdkAsync("/validate", new { key, productName, instanceId, machineId }, HttpStatusCode.OK);

    protected static string NextIp()
    {
        var n = Interlocked.Increment(ref _ipCounter);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    protected static void AssertKeys(JsonObject json, params string[] keys) =>
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(keys), () => json.ToJsonString());

    protected static void IsNull(JsonObject json, string name)
    {
        Assert.That(json.ContainsKey(name), Is.True, $"{name} is present");
        Assert.That(json[name], Is.Null, $"{name} is null");
    }

    protected static void IsNumber(JsonNode? node, string name) =>
        Assert.That(node?.GetValueKind(), Is.EqualTo(JsonValueKind.Number), $"{name} is a JSON number");
}
