using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

public sealed class KeyBoxOpenApiTests : IntegrationTest
{
    [Test]
    public async Task The_document_describes_the_KeyBox_routes_with_their_credentials_and_statuses()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var paths = document["paths"]!.AsObject();

        var expected = new Dictionary<(string Path, string Method), string>
        {
            [("/clients", "post")] = "KeyBox_CreateClient",
            [("/clients", "get")] = "KeyBox_ListClients",
            [("/clients/{id}", "get")] = "KeyBox_GetClient",
            [("/clients/{id}", "put")] = "KeyBox_ReplaceClient",
            [("/clients/{id}", "patch")] = "KeyBox_UpdateClient",
            [("/clients/{id}", "delete")] = "KeyBox_DeleteClient",
            [("/projects", "post")] = "KeyBox_CreateProject",
            [("/projects", "get")] = "KeyBox_ListProjects",
            [("/projects/{id}", "get")] = "KeyBox_GetProject",
            [("/projects/{id}", "put")] = "KeyBox_ReplaceProject",
            [("/projects/{id}", "patch")] = "KeyBox_UpdateProject",
            [("/projects/{id}", "delete")] = "KeyBox_DeleteProject",
            [("/license/create", "post")] = "KeyBox_CreateLicense",
            [("/license", "get")] = "KeyBox_ListLicenses",
            [("/license/{key}", "get")] = "KeyBox_GetLicense",
            [("/license/revoke/{key}", "patch")] = "KeyBox_ToggleLicenseRevoked",
            [("/validate", "post")] = "KeyBox_ValidateLicense",
            [("/validate/activate", "post")] = "KeyBox_ActivateLicense",
            [("/dashboard", "get")] = "KeyBox_GetDashboard",
        };
        foreach (var ((path, method), operationId) in expected)
        {
            var operation = paths[path]?[method];
            Assert.That(operation, Is.Not.Null, $"{method} {path} is documented");
            Assert.That(operation!["operationId"]!.GetValue<string>(), Is.EqualTo(operationId));
            var security = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];
            Assert.That(security, path.StartsWith("/validate", StringComparison.Ordinal) ? Is.Empty : Is.EquivalentTo(new[] { "Bearer" }), $"{method} {path} credentials");
        }

        var activate = paths["/validate/activate"]!["post"]!;
        Assert.That(activate["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "403", "404", "429" }));
        Assert.That(paths["/validate"]!["post"]!["description"]!.GetValue<string>(), Does.Contain("Always HTTP 200").And.Contain("epoch milliseconds"));
        Assert.That(activate["description"]!.GetValue<string>(), Does.Contain("403").And.Contain("404"));
        Assert.That(paths["/clients/{id}"]!["delete"]!["description"]!.GetValue<string>(), Does.Contain("detached"));
        Assert.That(paths["/projects/{id}"]!["delete"]!["description"]!.GetValue<string>(), Does.Contain("409"));
        Assert.That(paths["/clients"]!["post"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "201", "400", "401", "409" }));
        Assert.That(paths["/projects/{id}"]!["delete"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "404", "409" }));
    }
}
