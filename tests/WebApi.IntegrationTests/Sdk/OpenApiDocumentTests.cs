using System.Text.Json.Nodes;
using KeyBox.OpenApiExport;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Sdk;

/// <summary>
/// The checked-in document (src/Client/openapi.json) is the one the API serves, the generated client was made from it,
/// and it describes the API truthfully enough for generated clients to rely on.
/// </summary>
public sealed class OpenApiDocumentTests : IntegrationTest
{
    private const string Regenerate = "run ./build.sh openapi (or ./build.ps1 openapi) and commit src/Client/openapi.json and src/Client/Generated/";

    [Test]
    public async Task The_served_document_is_the_checked_in_one()
    {
        var served = OpenApiDocumentFile.Normalize(await Anonymous.GetStringAsync(OpenApiDocumentFile.Route));
        var checkedIn = OpenApiDocumentFile.Normalize(await File.ReadAllTextAsync(RepositoryFile(OpenApiDocumentFile.CheckedInPath)));

        if (served != checkedIn)
        {
            Assert.Fail($"{OpenApiDocumentFile.CheckedInPath} differs from the document the API serves: {Regenerate}.\n{FirstDifference(checkedIn, served)}");
        }
    }

    [Test]
    public async Task The_generated_client_was_made_from_the_checked_in_document()
    {
        var document = await File.ReadAllTextAsync(RepositoryFile(OpenApiDocumentFile.CheckedInPath));
        var expected = $"// OpenAPI document SHA-256: {OpenApiDocumentFile.Hash(document)}";

        foreach (var generated in new[] { "src/Client/Generated/KeyBoxClient.g.cs", "src/Client/Generated/KeyBoxApi.g.cs" })
        {
            var header = File.ReadLines(RepositoryFile(generated)).Take(5).ToList();
            Assert.That(header, Does.Contain(expected), $"{generated} was generated from another version of the document: {Regenerate}.");
        }
    }

    [Test]
    public async Task The_exporter_serves_the_same_document_without_a_database()
    {
        await using var factory = new DocumentOnlyFactory();
        using var client = factory.CreateClient();
        var exported = OpenApiDocumentFile.Normalize(await client.GetStringAsync(OpenApiDocumentFile.Route));
        var served = OpenApiDocumentFile.Normalize(await Anonymous.GetStringAsync(OpenApiDocumentFile.Route));

        Assert.That(exported, Is.EqualTo(served), "the document must not depend on the database or the environment");
    }

    [Test]
    public async Task Every_failure_of_a_surface_is_documented_with_that_surface_envelope()
    {
        var document = await DocumentAsync();
        var envelopes = new Dictionary<string, string[]>
        {
            ["/api/internal/"] = ["InternalError"],
            ["/api/external/"] = ["ExternalError", "RateLimitExceededError"],
            ["/auth/"] = ["KeyBoxError"],
        };

        foreach (var (path, method, operation) in Operations(document))
        {
            if (envelopes.FirstOrDefault(e => path.StartsWith(e.Key, StringComparison.Ordinal)).Value is not { } allowed)
            {
                continue;
            }

            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                Assert.That(response!["description"]!.GetValue<string>(), Is.Not.Empty, $"{method} {path} {status} has a description");
                if (status.StartsWith('2') || response["content"] is null)
                {
                    continue;
                }

                var schema = response["content"]!["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.That(schema?.Split('/').Last(), Is.AnyOf(allowed), $"{method} {path} {status} is documented with the surface's error envelope");
            }
        }
    }

    [Test]
    public async Task Operations_inherit_the_error_responses_of_their_surface()
    {
        var document = await DocumentAsync();

        // LicensesController declares its own 404, which used to hide the 401/403/422 of InternalApiController.
        var responses = document["paths"]!["/api/internal/product-licenses"]!["post"]!["responses"]!.AsObject();
        Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "201", "401", "403", "404", "409", "422" }));

        var activate = document["paths"]!["/api/external/license/activate"]!["post"]!["responses"]!.AsObject();
        Assert.That(activate.Select(r => r.Key), Is.SupersetOf(new[] { "200", "401", "403", "404", "422", "429" }));
    }

    [Test]
    public async Task External_operations_take_the_client_context_headers_and_declare_their_credentials()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/external/", StringComparison.Ordinal)))
        {
            var headers = (operation["parameters"]?.AsArray() ?? [])
                .Where(p => p!["in"]!.GetValue<string>() == "header")
                .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["required"]?.GetValue<bool>() ?? false);
            Assert.That(headers.Keys, Is.SupersetOf(new[] { "X-API-URL", "X-API-IP", "X-API-LANGUAGE" }), $"{method} {path}");
            Assert.That(headers.Values, Has.All.False, $"{method} {path}: the context headers are optional");
            Assert.That(operation["security"]!.ToJsonString(), Is.EqualTo("""[{"ApiKey":[]}]"""), $"{method} {path}");
        }

        Assert.That(document["security"], Is.Null, "no document-wide requirement: anonymous operations need no credentials");
        Assert.That(document["servers"], Is.Null, "the document names no server: it is the same wherever it is served");
        Assert.That(document["paths"]!["/api/health-check"]!["get"]!["security"], Is.Null);
    }

    [Test]
    public async Task File_transfers_are_streams()
    {
        var document = await DocumentAsync();

        var download = document["paths"]!["/api/external/update/{version}/download/{type}"]!["post"]!["responses"]!;
        foreach (var status in new[] { "200", "206" })
        {
            var content = download[status]!["content"]!.AsObject();
            Assert.That(content.Select(c => c.Key), Is.EquivalentTo(new[] { "application/zip", "application/sql" }), status);
            Assert.That(content.Select(c => c.Value!["schema"]!["format"]!.GetValue<string>()), Has.All.EqualTo("binary"), status);
        }

        var upload = document["paths"]!["/api/internal/products/{reference_id}/versions/{version_id}/files/{type}"]!["put"]!;
        Assert.That(upload["requestBody"]!["required"]!.GetValue<bool>(), Is.True);
        Assert.That(upload["requestBody"]!["content"]!["application/octet-stream"]!["schema"]!["format"]!.GetValue<string>(), Is.EqualTo("binary"));
        Assert.That(upload["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"]!.GetValue<string>(), Is.EqualTo("binary"));
        Assert.That(upload["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Does.Contain("file_name"));
    }

    [Test]
    public async Task Response_fields_are_required_and_request_fields_are_not()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        Assert.That(Required(schemas["ActivateLicenseResponse"]), Is.EquivalentTo(new[] { "is_active", "message", "lic_response", "data", "license_file" }));
        Assert.That(Required(schemas["InternalError"]), Is.EquivalentTo(new[] { "status", "message" }), "errors only for invalid input");
        Assert.That(Required(schemas["ExternalError"]), Is.EquivalentTo(new[] { "status", "is_active", "message", "code", "data" }));
        Assert.That(schemas["ExternalError"]!["additionalProperties"], Is.Null, "failures may add fields, e.g. lic_response: null");
        Assert.That(schemas["ProductResource"]!["additionalProperties"]!.GetValue<bool>(), Is.False);
        Assert.That(Required(schemas["UpdateCheckResponse"]), Is.EquivalentTo(new[] { "is_active", "message", "update_available", "version" }));
        Assert.That(Required(schemas["ActivateLicenseRequest"]), Is.Empty);
        Assert.That(Required(schemas["CreateProductRequest"]), Is.Empty);

        var data = schemas["InternalEnvelopeOfProductResource"]!["properties"]!["data"]!;
        Assert.That(data["$ref"]!.GetValue<string>(), Does.EndWith("/ProductResource"));
        Assert.That(data["nullable"], Is.Null, "the data of a success is never null");

        Assert.That(schemas["ProductResource"]!["properties"]!.AsObject().Select(p => p.Key), Does.Contain("reference_id").And.Contain("serve_latest_updates"), "snake_case names");
        Assert.That(schemas["LicenseStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Does.Contain("active"), "enums as their wire strings");
        Assert.That(schemas["KeyBoxLogInResource"]!["properties"]!.AsObject().Select(p => p.Key), Does.Contain("userId").And.Contain("expiresAt"), "KeyBox routes are camelCase");
    }

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await Anonymous.GetStringAsync(OpenApiDocumentFile.Route))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key.ToUpperInvariant(), op.Value!.AsObject())));

    private static List<string> Required(JsonNode? schema) =>
        (schema!["required"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToList();

    private static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  checked in: {e.Trim()}\n  served:     {a.Trim()}";
            }
        }

        return string.Empty;
    }
}
