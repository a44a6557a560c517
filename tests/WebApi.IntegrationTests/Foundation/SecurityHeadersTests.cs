using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.KeyBoxApi;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>
/// Security headers over real HTTP (Kestrel on a loopback port, as in production): nosniff, Referrer-Policy, a frame
/// policy and no Server header on every response; Cache-Control: no-store on everything that carries a token, key or
/// secret; the Swagger UI only where enabled, the OpenAPI document always.
/// </summary>
[NonParallelizable]
public sealed class SecurityHeadersTests : KeyBoxApiTest
{
    private readonly List<KeyBoxFactory> _servers = [];

    [TearDown]
    public async Task StopServersAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _servers.Clear();
    }

    private HttpClient KestrelClient(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0" };
        var server = new KeyBoxFactory(all);
        _servers.Add(server);
        server.UseKestrel();
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });
    }

    private static async Task<(HttpResponseMessage Response, JsonObject Json)> CallAsync(HttpClient client, HttpMethod method, string url, object? body = null,
        string? apiKey = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-KEY", apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        request.Headers.Add("X-API-URL", "https://shop.example.com");
        request.Headers.Add(TestRemoteIpStartupFilter.Header, NextIp());
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what, string? cacheControl = "no-store")
    {
        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"), what);
            Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("no-referrer"), what);
            Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"), what);
            Assert.That(Header(response, "Content-Security-Policy"), Does.Contain("frame-ancestors 'none'"), what);
            Assert.That(response.Headers.Contains("Server"), Is.False, $"{what}: no Server header");
            Assert.That(Header(response, "Cache-Control"), Is.EqualTo(cacheControl), $"{what}: Cache-Control");
        });
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    [Test]
    public async Task Responses_carrying_tokens_keys_and_secrets_are_not_stored_and_every_response_has_the_security_headers()
    {
        using var client = KestrelClient();

        var (login, loginJson) = await CallAsync(client, HttpMethod.Post, "/auth/login", new { email = KeyBoxFactory.AdminEmail, password = KeyBoxFactory.AdminPassword });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(login, "login token");
        var bearer = loginJson["data"]!["token"]!.GetValue<string>();

        var (apiKey, _) = await CallAsync(client, HttpMethod.Post, "/api/internal/api-keys", new { name = "ci", type = "external" }, apiKey: KeyBoxFactory.InternalKey);
        Assert.That(apiKey.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        AssertSecurityHeaders(apiKey, "new API key");

        var (webhook, _) = await CallAsync(client, HttpMethod.Post, "/api/internal/webhooks", new { url = "https://hooks.example.com/k", secret = "s3cret-s3cret-s3cret" }, apiKey: KeyBoxFactory.InternalKey);
        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        AssertSecurityHeaders(webhook, "new webhook (secret)");

        await CallAsync(client, HttpMethod.Post, "/api/internal/products", new { name = "P", reference_id = "PROD-001" }, apiKey: KeyBoxFactory.InternalKey);
        await CallAsync(client, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "PROD-001", license_code = "SEC-HEAD-0001", parallel_uses = 5 }, apiKey: KeyBoxFactory.InternalKey);
        var (external, _) = await CallAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "PROD-001", license_code = "SEC-HEAD-0001" }, apiKey: KeyBoxFactory.ExternalKey);
        Assert.That(external.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(external, "external activation (license token)");

        using var legacyRequest = new HttpRequestMessage(HttpMethod.Post, "/api/activate_license")
        {
            Content = new StringContent("""{"product_id":"PROD-001","license_code":"SEC-HEAD-0001","client_name":"Shop"}""", Encoding.UTF8, "application/json"),
        };
        legacyRequest.Headers.Add("LB-API-KEY", KeyBoxFactory.ExternalKey);
        legacyRequest.Headers.Add("LB-URL", "https://other-shop.example.com/install");
        using var legacy = await client.SendAsync(legacyRequest);
        Assert.That(legacy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(legacy, "LicenseBox activation (lic_response)");

        var (_, _, key) = await SetUpLicenseAsync(BearerClient(client, bearer));
        var (keyBox, _) = await CallAsync(client, HttpMethod.Post, "/validate/activate", new { key, machineId = "m-1", instanceId = "i-1" });
        Assert.That(keyBox.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(keyBox, "KeyBox activation");

        var (refused, _) = await CallAsync(client, HttpMethod.Get, "/api/internal/products", apiKey: "kb_wrong");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        AssertSecurityHeaders(refused, "401 refusal");

        var (missing, _) = await CallAsync(client, HttpMethod.Get, "/nothing-here");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        AssertSecurityHeaders(missing, "unknown route");

        var (health, _) = await CallAsync(client, HttpMethod.Get, "/api/health-check");
        AssertSecurityHeaders(health, "health check");
    }

    private static HttpClient BearerClient(HttpClient kestrel, string token)
    {
        var client = new HttpClient { BaseAddress = kestrel.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Test]
    public async Task The_OpenAPI_document_is_served_and_cacheable_and_the_UI_is_off_in_production()
    {
        using var client = KestrelClient(new Dictionary<string, string?> { ["environment"] = "Production" });

        using var document = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(document, "OpenAPI document", cacheControl: null);

        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no Swagger UI in Production by default");
        using var root = await client.GetAsync("/swagger");
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("Production", "true")]
    [TestCase("Development", null)]
    public async Task The_UI_is_served_with_a_frame_policy_when_enabled(string environment, string? uiEnabled)
    {
        using var client = KestrelClient(new Dictionary<string, string?> { ["environment"] = environment, ["OpenApi:UiEnabled"] = uiEnabled });

        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ui.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        AssertSecurityHeaders(ui, "Swagger UI", cacheControl: Header(ui, "Cache-Control"));
        Assert.That(Header(ui, "Cache-Control"), Is.Not.EqualTo("no-store"), "the public UI may be cached");
    }

    [Test]
    public async Task A_file_download_may_be_kept_by_the_client_but_not_by_a_shared_cache()
    {
        using var client = KestrelClient();
        await CallAsync(client, HttpMethod.Post, "/api/internal/products", new { name = "P", reference_id = "PROD-001" }, apiKey: KeyBoxFactory.InternalKey);
        await CallAsync(client, HttpMethod.Post, "/api/internal/products/PROD-001/versions", new { version_id = "v1.0.0", version = "1.0.0" }, apiKey: KeyBoxFactory.InternalKey);
        using (var upload = new HttpRequestMessage(HttpMethod.Put, "/api/internal/products/PROD-001/versions/v1.0.0/files/main?file_name=a.zip"))
        {
            upload.Headers.Add("X-API-KEY", KeyBoxFactory.InternalKey);
            upload.Content = new ByteArrayContent([0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            using var uploaded = await client.SendAsync(upload);
            Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.OK), await uploaded.Content.ReadAsStringAsync());
        }

        using var download = new HttpRequestMessage(HttpMethod.Post, "/api/external/update/v1.0.0/download/main") { Content = Json(new { product_id = "PROD-001" }) };
        download.Headers.Add("X-API-KEY", KeyBoxFactory.ExternalKey);
        using var file = await client.SendAsync(download);
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(file.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("application/json"));
        AssertSecurityHeaders(file, "file download", cacheControl: "private");
    }

    [Test]
    public async Task A_NUL_in_the_path_is_a_4xx_over_real_HTTP()
    {
        // The test host cannot even carry it (PathString refuses NUL); Kestrel refuses it before the application.
        using var client = KestrelClient();
        foreach (var path in new[] { "/clients/%00", "/api/internal/products/%00", "/api/activate_license%00", "/api/external/license/%00/x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-API-KEY", KeyBoxFactory.InternalKey);
            using var response = await client.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), path);
        }
    }
}
