using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>
/// Every route of every surface, read from the app's endpoint data source (routes added later are covered without
/// touching this test), against the <see cref="HostileInputs"/> corpus: hostile bodies, headers, query strings and path
/// segments, with the surface's valid credential and without. No answer may be a 5xx, and every failure is JSON in the
/// route's surface envelope (KeyBox <c>success:false</c>, internal <c>status:false</c>, external <c>is_active:false</c>,
/// LicenseBox <c>status:false</c>).
/// </summary>
public sealed class HostileInputCorpusTests : IntegrationTest
{
    private const int Parallelism = 4;
    private static int _requestNumber;

    private string _bearer = string.Empty;
    private readonly Dictionary<string, string> _knownValues = new(StringComparer.OrdinalIgnoreCase);

    public enum RouteSurface
    {
        KeyBox,
        Internal,
        External,
        Legacy,
    }

    [SetUp]
    public async Task SeedAsync()
    {
        // Real rows, so that routes naming a product, version or license get past the lookup with a hostile rest.
        await CreateProductAsync("PROD-001");
        var version = await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var license = await CreateLicenseAsync("PROD-001");
        var login = await SendAsync(Anonymous, HttpMethod.Post, "/auth/login",
            new { email = KeyBoxFactory.AdminEmail, password = KeyBoxFactory.AdminPassword }, HttpStatusCode.OK);
        _bearer = login["data"]!["token"]!.GetValue<string>();

        _knownValues["reference_id"] = "PROD-001";
        _knownValues["version_id"] = "v1.0.0";
        _knownValues["version"] = "1.0.0";
        _knownValues["update_id"] = version["data"]!["id"]!.GetValue<string>();
        _knownValues["id"] = license["id"]!.GetValue<string>();
        _knownValues["key"] = license["license_code"]!.GetValue<string>();
        _knownValues["type"] = "main";
    }

    [Test]
    public async Task Hostile_inputs_never_cause_a_5xx_and_fail_in_the_surface_envelope(
        [Values] RouteSurface surface)
    {
        var routes = Routes().Where(r => r.Surface == surface).ToList();
        Assert.That(routes, Is.Not.Empty, $"the {surface} surface has routes");

        var cases = routes.SelectMany(CasesFor).ToList();
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(Parallelism);
        using var client = Server.CreateClient();

        // Routes that end a session (logout) run after the rest, so that the token stays valid for the corpus.
        static bool EndsSession(Case c) => c.Route.DisplayName.Contains("logout", StringComparison.OrdinalIgnoreCase);
        foreach (var batch in new[] { cases.Where(c => !EndsSession(c)), cases.Where(EndsSession) })
        {
            await Task.WhenAll(batch.Select(async c =>
            {
                await gate.WaitAsync();
                try
                {
                    if (await CheckAsync(client, c) is { } failure)
                    {
                        failures.Add(failure);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        TestContext.Progress.WriteLine($"{surface}: {routes.Count} routes, {cases.Count} hostile requests");
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(200), "the corpus is large enough to mean something");
        Assert.That(failures, Is.Empty, () => $"{failures.Count} of {cases.Count} hostile requests were answered wrongly:\n"
            + string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal).Take(60)));
    }

    private sealed record Route(string Method, RoutePattern Pattern, RouteSurface Surface, IReadOnlyList<string> BodyFields, string DisplayName);

    private sealed record Case(Route Route, string Name, string Path, string? Query, HostileBody? Body, (string Name, string Value)? Header, bool Authenticated);

    private static IEnumerable<Route> Routes()
    {
        var sources = Server.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (action is null)
            {
                continue; // health checks: not a surface, no envelope.
            }

            var raw = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var surface = raw.StartsWith("/api/internal", StringComparison.OrdinalIgnoreCase) ? RouteSurface.Internal
                : raw.StartsWith("/api/external", StringComparison.OrdinalIgnoreCase) ? RouteSurface.External
                : raw.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? RouteSurface.Legacy
                : RouteSurface.KeyBox;
            foreach (var method in methods)
            {
                yield return new Route(method, endpoint.RoutePattern, surface, BodyFieldsOf(action), $"{method} {raw}");
            }
        }
    }

    /// <summary>The wire names of the fields of the action's body (JSON or form), in both namings when not declared.</summary>
    private static IReadOnlyList<string> BodyFieldsOf(ControllerActionDescriptor action)
    {
        var body = action.Parameters.FirstOrDefault(p =>
            p.BindingInfo?.BindingSource == BindingSource.Body || p.BindingInfo?.BindingSource == BindingSource.Form
            || p.ParameterType.GetCustomAttribute<Microsoft.AspNetCore.Mvc.ModelBinderAttribute>() is not null);
        if (body is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var property in body.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is { } declared)
            {
                names.Add(declared);
            }
            else
            {
                names.Add(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
                names.Add(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private IEnumerable<Case> CasesFor(Route route)
    {
        var path = PathOf(route.Pattern, hostileSegment: null);
        var hasBody = route.Method is "POST" or "PUT" or "PATCH";
        yield return new Case(route, "plain", path, null, null, null, Authenticated: true);
        yield return new Case(route, "anonymous", path, null, null, null, Authenticated: false);
        if (hasBody)
        {
            foreach (var body in HostileInputs.Bodies)
            {
                yield return new Case(route, "body: " + body.Name, path, null, body, null, Authenticated: true);
            }

            yield return new Case(route, "anonymous body: " + HostileInputs.Bodies[0].Name, path, null, HostileInputs.Bodies[0], null, Authenticated: false);
        }

        foreach (var header in HostileInputs.Headers)
        {
            yield return new Case(route, $"header {header.Name}", path, null, null, header, Authenticated: true);
        }

        foreach (var header in HostileInputs.CredentialHeaders)
        {
            yield return new Case(route, $"credential {header.Name}", path, null, null, header, Authenticated: false);
        }

        foreach (var query in HostileInputs.Queries)
        {
            yield return new Case(route, "query", path, query, null, null, Authenticated: true);
        }

        foreach (var segment in HostileInputs.PathSegments)
        {
            yield return new Case(route, "path segment", PathOf(route.Pattern, segment), null, null, null, Authenticated: true);
        }
    }

    /// <summary>The route's path with known values for its parameters; the hostile segment replaces the last one (or is appended).</summary>
    private string PathOf(RoutePattern pattern, string? hostileSegment)
    {
        var lastParameter = pattern.Parameters.LastOrDefault()?.Name;
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when hostileSegment is not null && parameter.Name == lastParameter:
                        text.Append(hostileSegment);
                        break;
                    case RoutePatternParameterPart parameter:
                        text.Append(Uri.EscapeDataString(_knownValues.GetValueOrDefault(parameter.Name, "x1")));
                        break;
                }
            }

            segments.Add(text.ToString());
        }

        if (hostileSegment is not null && lastParameter is null)
        {
            segments.Add(hostileSegment);
        }

        return "/" + string.Join("/", segments);
    }

    private HttpRequestMessage RequestFor(Case c)
    {
        var url = c.Query is null ? c.Path : c.Path + "?" + c.Query;
        var request = new HttpRequestMessage(new HttpMethod(c.Route.Method), url);

        // A fresh address for each request: the rate limits must not hide what the corpus is testing.
        var n = Interlocked.Increment(ref _requestNumber);
        request.Headers.Add(TestRemoteIpStartupFilter.Header, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        request.Headers.Add("X-API-URL", "https://client.example.com");

        if (c.Authenticated)
        {
            if (c.Route.Surface == RouteSurface.KeyBox || (c.Route.Surface == RouteSurface.Internal && n % 2 == 0))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearer);
            }
            else
            {
                request.Headers.Add("X-API-KEY", c.Route.Surface == RouteSurface.Internal ? KeyBoxFactory.InternalKey : KeyBoxFactory.ExternalKey);
            }
        }

        if (c.Header is { } header)
        {
            request.Headers.Remove(header.Name);
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value))
            {
                throw new InvalidOperationException($"The corpus header {header.Name} cannot be sent.");
            }
        }

        if (c.Body is { } body)
        {
            var content = new ByteArrayContent(body.Build(c.Route.BodyFields));
            content.Headers.ContentType = null;
            if (body.ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            }

            request.Content = content;
        }
        else if (c.Route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<string?> CheckAsync(HttpClient client, Case c)
    {
        using var request = RequestFor(c);
        var what = $"{c.Route.DisplayName} [{c.Name}{(c.Header is { } h ? " " + Shorten(h.Value) : string.Empty)}] {Shorten(request.RequestUri!.OriginalString)}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex)
        {
            return $"{what}: the server failed without answering: {ex.GetType().Name}: {Shorten(ex.Message)}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return $"{what}: {status} {Shorten(text)}";
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var isFailure = status >= 400;
            if (c.Route.Method == "HEAD" || (!isFailure && mediaType != "application/json"))
            {
                return mediaType?.Contains("problem", StringComparison.Ordinal) == true ? $"{what}: {status} as {mediaType}" : null;
            }

            if (mediaType != "application/json")
            {
                return $"{what}: {status} as {mediaType ?? "no content type"}: {Shorten(text)}";
            }

            JsonObject? json;
            try
            {
                json = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json is null)
            {
                return isFailure ? $"{what}: {status} body is not a JSON object: {Shorten(text)}" : null;
            }

            if (!isFailure)
            {
                return null; // A success (or a LicenseBox business failure answered 200) in a JSON object.
            }

            var flag = c.Route.Surface switch
            {
                RouteSurface.KeyBox => "success",
                RouteSurface.External => "is_active",
                _ => "status",
            };
            var envelopeHolds = json[flag] is JsonValue value && value.GetValueKind() == JsonValueKind.False
                && json["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String;
            return envelopeHolds ? null : $"{what}: {status} not in the {c.Route.Surface} envelope ({flag}:false, message): {Shorten(text)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
