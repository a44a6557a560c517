using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyBox.Bench.Tool;

internal static class Http
{
    public static HttpClient Client(string baseUrl, int connections = 256) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseCookies = false,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<(HttpStatusCode Status, JsonObject? Json)> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body, string apiKey, string? siteUrl = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-KEY", apiKey);
        if (siteUrl is not null)
        {
            request.Headers.Add("X-API-URL", siteUrl);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
        }

        return (response.StatusCode, json);
    }

    public static async Task<JsonObject> ExpectAsync(HttpClient client, HttpMethod method, string path, object? body, string apiKey, HttpStatusCode expected, string? siteUrl = null)
    {
        var (status, json) = await SendAsync(client, method, path, body, apiKey, siteUrl);
        if (status != expected)
        {
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)status}: {json?.ToJsonString()}");
        }

        return json ?? new JsonObject();
    }
}

/// <summary>Latencies of one scenario, in milliseconds.</summary>
internal sealed class Recorder
{
    private readonly List<double> _latencies = [];

    public int Errors;

    public void Add(double milliseconds)
    {
        lock (_latencies)
        {
            _latencies.Add(milliseconds);
        }
    }

    public int Count
    {
        get
        {
            lock (_latencies)
            {
                return _latencies.Count;
            }
        }
    }

    public double Percentile(double p)
    {
        lock (_latencies)
        {
            if (_latencies.Count == 0)
            {
                return 0;
            }

            _latencies.Sort();
            var index = (int)Math.Ceiling(p / 100.0 * _latencies.Count) - 1;
            return _latencies[Math.Clamp(index, 0, _latencies.Count - 1)];
        }
    }
}
