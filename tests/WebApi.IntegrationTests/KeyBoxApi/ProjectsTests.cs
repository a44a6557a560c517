using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

public sealed class ProjectsTests : KeyBoxApiTest
{
    [Test]
    public async Task A_project_without_duration_has_no_license_and_is_a_product_with_a_generated_reference()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");

        var json = await SendAsync(dev, HttpMethod.Post, "/projects", new { name = "Photo Editor" }, HttpStatusCode.Created);

        var data = json["data"]!.AsObject();
        AssertKeys(data, "project", "license");
        IsNull(data, "license");
        var project = data["project"]!.AsObject();
        AssertKeys(project, "id", "name", "clientId", "createdAt", "referenceId");
        IsNull(project, "clientId");
        Assert.That(project["name"]!.GetValue<string>(), Is.EqualTo("Photo Editor"));
        var reference = project["referenceId"]!.GetValue<string>();
        Assert.That(reference, Does.Match("^PHOTO-EDITOR-[0-9A-Z]{6}$"));

        // The same product on the internal API (with the developer's token).
        var product = await SendAsync(dev, HttpMethod.Get, $"/api/internal/products/{reference}", null, HttpStatusCode.OK);
        Assert.That(product["data"]!["id"]!.GetValue<string>(), Is.EqualTo(Id(project)));
        var second = await CreateProjectAsync(dev, "Photo Editor");
        Assert.That(second["project"]!["referenceId"]!.GetValue<string>(), Is.Not.EqualTo(reference));
    }

    [Test]
    public async Task With_a_duration_the_project_gets_a_pending_license_for_its_client()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var client = await CreateClientAsync(dev);

        var data = await DataAsync(dev, HttpMethod.Post, "/projects",
            new { projectName = "Editor", clientId = Id(client), duration = 3, services = new[] { "sync", "export" } }, HttpStatusCode.Created);

        var project = data["project"]!.AsObject();
        Assert.That(project["name"]!.GetValue<string>(), Is.EqualTo("Editor"), "projectName is accepted for name");
        Assert.That(project["clientId"]!.GetValue<string>(), Is.EqualTo(Id(client)));
        var license = data["license"]!.AsObject();
        AssertKeys(license, "id", "key", "status", "duration", "services", "issuedAt", "expiresAt", "clientId", "projectId");
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(license["duration"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        Assert.That(license["duration"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(license["services"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "sync", "export" }));
        IsNull(license, "expiresAt");
        Assert.That(license["clientId"]!.GetValue<string>(), Is.EqualTo(Id(client)));
        Assert.That(license["projectId"]!.GetValue<string>(), Is.EqualTo(Id(project)));
        Assert.That((await ListAsync(dev, "/license")).Select(l => Id(l)), Is.EqualTo(new[] { Id(license) }));
    }

    [TestCase(13)]
    [TestCase(0)]
    public async Task An_invalid_duration_is_400_and_creates_no_project(int duration)
    {
        using var dev = await DeveloperClientAsync("dev@example.com");

        var json = await SendAsync(dev, HttpMethod.Post, "/projects", new { name = "Editor", duration }, HttpStatusCode.BadRequest);

        Assert.That(json["errors"]!.AsObject().ContainsKey("duration"), Is.True, json.ToJsonString());
        Assert.That(await ListAsync(dev, "/projects"), Is.Empty);
        Assert.That(await ListAsync(dev, "/license"), Is.Empty);
    }

    [Test]
    public async Task When_saving_the_license_fails_the_project_is_not_saved_either()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        // Make the database refuse the license row only (a 7-month license), after the project row was sent with it.
        await ExecuteSqlAsync("ALTER TABLE licenses ADD CONSTRAINT test_refuse_seven CHECK (duration_months IS DISTINCT FROM 7)");
        try
        {
            await SendAsync(dev, HttpMethod.Post, "/projects", new { name = "Doomed", duration = 7 }, HttpStatusCode.InternalServerError);
        }
        finally
        {
            await ExecuteSqlAsync("ALTER TABLE licenses DROP CONSTRAINT test_refuse_seven");
        }

        Assert.That(await ListAsync(dev, "/projects"), Is.Empty, "the project was rolled back with its license");
        await CreateProjectAsync(dev, "Fine", duration: 7);
        Assert.That(await ListAsync(dev, "/projects"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Projects_are_listed_read_replaced_patched_and_deleted()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var client = await CreateClientAsync(dev);
        var editor = (await CreateProjectAsync(dev, "Editor", Id(client)))["project"]!.AsObject();
        var viewer = (await CreateProjectAsync(dev, "Viewer"))["project"]!.AsObject();

        Assert.That((await ListAsync(dev, "/projects")).Select(p => Id(p)), Is.EqualTo(new[] { Id(editor), Id(viewer) }));
        Assert.That((await ListAsync(dev, $"/projects?clientId={Id(client)}")).Select(p => Id(p)), Is.EqualTo(new[] { Id(editor) }));
        var read = await DataAsync(dev, HttpMethod.Get, $"/projects/{Id(editor)}", null, HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(editor.ToJsonString()));

        var patched = await DataAsync(dev, HttpMethod.Patch, $"/projects/{Id(editor)}", new { name = "Editor Pro" }, HttpStatusCode.OK);
        Assert.That(patched["name"]!.GetValue<string>(), Is.EqualTo("Editor Pro"));
        Assert.That(patched["clientId"]!.GetValue<string>(), Is.EqualTo(Id(client)), "PATCH keeps the client when clientId is not sent");
        var detached = await DataAsync(dev, HttpMethod.Patch, $"/projects/{Id(editor)}", RawJson("""{"clientId":null}"""), HttpStatusCode.OK);
        IsNull(detached, "clientId");
        Assert.That(detached["name"]!.GetValue<string>(), Is.EqualTo("Editor Pro"));

        var replaced = await DataAsync(dev, HttpMethod.Put, $"/projects/{Id(viewer)}", new { projectName = "Viewer 2", clientId = Id(client) }, HttpStatusCode.OK);
        Assert.That(replaced["name"]!.GetValue<string>(), Is.EqualTo("Viewer 2"));
        Assert.That(replaced["clientId"]!.GetValue<string>(), Is.EqualTo(Id(client)));
        var replacedAgain = await DataAsync(dev, HttpMethod.Put, $"/projects/{Id(viewer)}", new { name = "Viewer 3" }, HttpStatusCode.OK);
        IsNull(replacedAgain, "clientId");
        var noName = await SendAsync(dev, HttpMethod.Put, $"/projects/{Id(viewer)}", new { clientId = Id(client) }, HttpStatusCode.BadRequest);
        Assert.That(noName["errors"]!.AsObject().ContainsKey("name"), Is.True, noName.ToJsonString());

        var deleted = await SendAsync(dev, HttpMethod.Delete, $"/projects/{Id(viewer)}", null, HttpStatusCode.OK);
        Assert.That(deleted["message"]!.GetValue<string>(), Is.EqualTo("Project deleted successfully."));
        await SendAsync(dev, HttpMethod.Get, $"/projects/{Id(viewer)}", null, HttpStatusCode.NotFound);
        await SendAsync(dev, HttpMethod.Delete, $"/projects/{Id(viewer)}", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_project_with_licenses_cannot_be_deleted()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, projectId, key) = await SetUpLicenseAsync(dev);

        var refused = await SendAsync(dev, HttpMethod.Delete, $"/projects/{projectId}", null, HttpStatusCode.Conflict);

        Assert.That(refused["error"]!.GetValue<string>(), Is.EqualTo("CONFLICT"));
        await SendAsync(dev, HttpMethod.Get, $"/projects/{projectId}", null, HttpStatusCode.OK);
        await SendAsync(dev, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task Unknown_projects_and_clients_are_404_and_a_missing_name_is_400()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");

        await SendAsync(dev, HttpMethod.Get, $"/projects/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);
        await SendAsync(dev, HttpMethod.Patch, $"/projects/{Guid.NewGuid()}", new { name = "x" }, HttpStatusCode.NotFound);
        var unknownClient = await SendAsync(dev, HttpMethod.Post, "/projects", new { name = "Editor", clientId = Guid.NewGuid() }, HttpStatusCode.NotFound);
        Assert.That(unknownClient["error"]!.GetValue<string>(), Is.EqualTo("CUSTOMER_NOT_FOUND"));
        var noName = await SendAsync(dev, HttpMethod.Post, "/projects", new { duration = 1 }, HttpStatusCode.BadRequest);
        Assert.That(noName["errors"]!.AsObject().ContainsKey("name"), Is.True, noName.ToJsonString());
        Assert.That(await ListAsync(dev, "/projects"), Is.Empty);
    }
}
