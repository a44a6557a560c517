using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

public sealed class AuthOpenApiTests : IntegrationTest
{
    [Test]
    public async Task The_document_declares_both_schemes_per_surface()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.That(schemes.Select(s => s.Key), Is.SupersetOf(new[] { "ApiKey", "Bearer" }));
        Assert.That(schemes["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));

        Assert.That(SchemesOf(document, "/auth/me", "get"), Is.EquivalentTo(new[] { "Bearer" }));
        Assert.That(SchemesOf(document, "/auth/login", "post"), Is.Empty);
        Assert.That(SchemesOf(document, "/auth/signup", "post"), Is.Empty);
        Assert.That(SchemesOf(document, "/api/internal/products", "get"), Is.EquivalentTo(new[] { "ApiKey", "Bearer" }));
        Assert.That(SchemesOf(document, "/api/external/connection-check", "get"), Is.EquivalentTo(new[] { "ApiKey" }));

        var signup = document["paths"]!["/auth/signup"]!["post"]!;
        Assert.That(signup["operationId"]!.GetValue<string>(), Is.EqualTo("KeyBox_SignUp"));
        Assert.That(signup["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "201", "400", "403", "429" }));
    }

    private static List<string> SchemesOf(JsonObject document, string path, string method) =>
        (document["paths"]![path]![method]!["security"]?.AsArray() ?? [])
            .SelectMany(requirement => requirement!.AsObject().Select(s => s.Key))
            .ToList();
}
