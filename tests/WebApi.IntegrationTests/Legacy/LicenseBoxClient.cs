using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

/// <summary>
/// Sends exactly what the LicenseBox PHP helper (<c>LicenseBoxAPI</c>) sends: <c>POST api/&lt;route&gt;</c> with
/// <c>Content-Type: application/json</c>, <c>LB-API-KEY</c>, <c>LB-URL</c> (scheme + host + request URI of the calling
/// page), <c>LB-IP</c>, <c>LB-LANG</c> and a <c>json_encode</c>d body (<c>[]</c> when empty, <c>null</c> for absent
/// values); size requests as <c>HEAD</c>; downloads as multipart forms (absent values as empty strings, no
/// <c>product_id</c>) without a JSON content type. With <c>modernHeaders</c> it uses the <c>X-API-*</c> spellings.
/// </summary>
internal sealed class LicenseBoxClient : IDisposable
{
    public const string ProductId = "PROD-001";
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _headers;

    public LicenseBoxClient(KeyBoxFactory server, string pageUrl = "http://shop.example/install/index.php", string ip = "203.0.113.10",
        string apiKey = KeyBoxFactory.ExternalKey, bool modernHeaders = false)
    {
        _http = server.CreateClient();
        _headers = modernHeaders
            ? new() { ["X-API-KEY"] = apiKey, ["X-API-URL"] = pageUrl, ["X-API-IP"] = ip, ["X-API-LANGUAGE"] = "english" }
            : new() { ["LB-API-KEY"] = apiKey, ["LB-URL"] = pageUrl, ["LB-IP"] = ip, ["LB-LANG"] = "english" };
    }

    /// <summary>Replaces (or, with null, removes) one of the headers the client sends.</summary>
    public LicenseBoxClient With(string header, string? value)
    {
        _headers.Remove(header);
        if (value is not null)
        {
            _headers[header] = value;
        }

        return this;
    }

    /// <summary>POSTs a raw JSON body (as PHP's json_encode wrote it) and returns the status and the parsed body.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string route, string json)
    {
        using var request = Request(HttpMethod.Post, "/api/" + route);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), $"{route}: {text}");
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>POSTs a JSON body built from an array of PHP-like key/value pairs (null values stay JSON null).</summary>
    public Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string route, params (string Key, object? Value)[] fields)
    {
        if (fields.Length == 0)
        {
            return PostAsync(route, "[]");
        }

        var body = new JsonObject();
        foreach (var (key, value) in fields)
        {
            body[key] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                _ => throw new ArgumentException($"Unsupported value for {key}."),
            };
        }

        return PostAsync(route, body.ToJsonString());
    }

    /// <summary>Posts and asserts what the client relies on: HTTP 200 and a JSON boolean <c>status</c>.</summary>
    public async Task<JsonObject> CallAsync(string route, bool expectedStatus, params (string Key, object? Value)[] fields)
    {
        var (status, body) = await PostAsync(route, fields);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), () => $"{route}: {body.ToJsonString()}");
        JsonAssert.IsBoolean(body["status"], expectedStatus, $"{route} status ({body.ToJsonString()})");
        JsonAssert.IsString(body["message"], "message");
        Assert.That(body["message"]!.GetValue<string>(), Is.Not.Empty, "a useful message");
        return body;
    }

    public Task<JsonObject> ActivateAsync(string licenseCode, bool expected = true, string client = "Jane Buyer") =>
        CallAsync("activate_license", expected, ("product_id", ProductId), ("license_code", licenseCode), ("client_name", client), ("verify_type", "non_envato"));

    public Task<JsonObject> VerifyFileAsync(string licenseFile, bool expected = true) =>
        CallAsync("verify_license", expected, ("product_id", ProductId), ("license_file", licenseFile), ("license_code", null), ("client_name", null));

    public Task<JsonObject> VerifyCodeAsync(string licenseCode, bool expected = true, string client = "Jane Buyer") =>
        CallAsync("verify_license", expected, ("product_id", ProductId), ("license_file", null), ("license_code", licenseCode), ("client_name", client));

    public Task<JsonObject> DeactivateFileAsync(string licenseFile, bool expected = true) =>
        CallAsync("deactivate_license", expected, ("product_id", ProductId), ("license_file", licenseFile), ("license_code", null), ("client_name", null));

    public Task<JsonObject> DeactivateCodeAsync(string licenseCode, bool expected = true, string client = "Jane Buyer") =>
        CallAsync("deactivate_license", expected, ("product_id", ProductId), ("license_file", null), ("license_code", licenseCode), ("client_name", client));

    public Task<JsonObject> CheckUpdateAsync(string currentVersion, bool expected, string productId = ProductId) =>
        CallAsync("check_update", expected, ("product_id", productId), ("current_version", currentVersion));

    /// <summary><c>get_remote_filesize</c>: a HEAD request; the size is the response's Content-Length.</summary>
    public async Task<(HttpStatusCode Status, long? Size)> SizeAsync(string type, string updateId)
    {
        using var request = Request(HttpMethod.Head, $"/api/get_update_size/{type}/{updateId}");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentLength);
    }

    /// <summary>
    /// <c>download_update</c>: a multipart form of <c>license_file</c>, <c>license_code</c>, <c>client_name</c> (PHP
    /// turns nulls into empty strings; an empty array sends no fields), no product id, no JSON content type.
    /// </summary>
    public async Task<(HttpStatusCode Status, byte[] Body, string? ContentType)> DownloadAsync(string type, string updateId,
        string? licenseFile = null, string? licenseCode = null, string? clientName = null, bool noFields = false)
    {
        using var request = Request(HttpMethod.Post, $"/api/download_update/{type}/{updateId}");
        if (noFields)
        {
            request.Content = EmptyCurlMultipart();
        }
        else
        {
            var form = new MultipartFormDataContent();
            AddField(form, "license_file", licenseFile);
            AddField(form, "license_code", licenseCode);
            AddField(form, "client_name", clientName);
            request.Content = form;
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>What libcurl sends for PHP's empty <c>CURLOPT_POSTFIELDS</c> array: a multipart body of only the closing delimiter.</summary>
    public static ByteArrayContent EmptyCurlMultipart()
    {
        const string boundary = "------------------------a1b2c3d4e5f60718";
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--" + boundary + "--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
        return content;
    }

    private static void AddField(MultipartFormDataContent form, string name, string? value)
    {
        var part = new StringContent(value ?? string.Empty);
        part.Headers.ContentType = null;
        form.Add(part, name);
    }

    private HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

/// <summary>JSON helpers for the legacy tests.</summary>
internal static class LegacyJson
{
    public static void IsNullField(JsonObject body, string name) =>
        Assert.That(body.ContainsKey(name) && body[name] is null, Is.True, $"{name} is present and null in {body.ToJsonString()}");

    public static string String(JsonObject body, string name)
    {
        JsonAssert.IsString(body[name], name);
        return body[name]!.GetValue<string>();
    }

    public static bool IsJsonBoolean(JsonNode? node) => node?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
}
