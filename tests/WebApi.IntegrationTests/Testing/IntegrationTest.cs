
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyBox.WebApi.IntegrationTests.Testing;

/// <summary>Base of the integration tests: clean data before each test, and clients for each credential.</summary>
public abstract class IntegrationTest
{
    protected static KeyBoxFactory Server => TestDatabase.Server;

    protected HttpClient Internal { get; private set; } = null!;

    protected HttpClient External { get; private set; } = null!;

    protected HttpClient Anonymous { get; private set; } = null!;

    [SetUp]
    public async Task ResetDataAsync()
    {
        await TestDatabase.ResetAsync();
        Internal = Server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        External = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey);
        Anonymous = Server.CreateClient();
    }

    [TearDown]
    public void DisposeClients()
    {
        Internal.Dispose();
        External.Dispose();
        Anonymous.Dispose();
    }

    protected static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    protected static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), "every response is JSON");
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new AssertionException($"Expected a JSON object, got: {text}");
    }

    /// <summary>Sends and asserts the status; returns the parsed JSON object body.</summary>
    protected static async Task<JsonObject> SendAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? Json(body);
        }

        using var response = await client.SendAsync(request);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(expected), () => $"{method} {url}: {json.ToJsonString()}");
        return json;
    }

    protected Task<JsonObject> CreateProductAsync(string referenceId = "PROD-001", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = "Product " + referenceId, ["reference_id"] = referenceId };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return SendAsync(Internal, HttpMethod.Post, "/api/internal/products", body, HttpStatusCode.Created);
    }

    protected async Task<JsonObject> CreateLicenseAsync(string productReferenceId, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["product_reference_id"] = productReferenceId };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", body, HttpStatusCode.Created);
        return json["data"]!.AsObject();
    }

    /// <summary>A client of the external API at a given site.</summary>
    protected HttpClient ClientAt(string url, string? ip = null, string apiKey = KeyBoxFactory.ExternalKey, KeyBoxFactory? server = null)
    {
        var client = (server ?? Server).CreateClientWithKey(apiKey);
        client.DefaultRequestHeaders.Add("X-API-URL", url);
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-IP", ip);
        }

        return client;
    }

    protected Task<JsonObject> CreateVersionAsync(string productReferenceId, string versionId, string version, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["version_id"] = versionId, ["version"] = version, ["released_at"] = "2025-01-15" };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return SendAsync(Internal, HttpMethod.Post, $"/api/internal/products/{productReferenceId}/versions", body, HttpStatusCode.Created);
    }
}

internal static class JsonAssert
{
    public static void IsBoolean(JsonNode? node, bool expected, string name)
    {
        Assert.That(node?.GetValueKind(), Is.EqualTo(JsonValueKind.True).Or.EqualTo(JsonValueKind.False), $"{name} is a JSON boolean");
        Assert.That(node!.GetValue<bool>(), Is.EqualTo(expected), name);
    }

    public static void IsString(JsonNode? node, string name)
    {
        Assert.That(node?.GetValueKind(), Is.EqualTo(JsonValueKind.String), $"{name} is a JSON string");
    }
}
