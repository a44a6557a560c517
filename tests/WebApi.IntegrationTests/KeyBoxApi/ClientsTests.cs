using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

public sealed class ClientsTests : KeyBoxApiTest
{
    [Test]
    public async Task Creating_a_client_answers_201_with_the_client_in_camelCase()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");

        var json = await SendAsync(dev, HttpMethod.Post, "/clients", new { name = " Acme Ltd ", email = "Billing@Acme.example" }, HttpStatusCode.Created);

        AssertKeys(json, "success", "message", "data");
        JsonAssert.IsBoolean(json["success"], true, "success");
        var data = json["data"]!.AsObject();
        AssertKeys(data, "id", "name", "email", "createdAt");
        Assert.That(Guid.TryParse(Id(data), out _), Is.True);
        Assert.That(data["name"]!.GetValue<string>(), Is.EqualTo("Acme Ltd"));
        Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("billing@acme.example"));
        Assert.That(DateTimeOffset.Parse(data["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(Server.Clock.GetUtcNow()).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task A_duplicate_email_for_the_same_owner_is_409_but_another_developer_may_use_it()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        await CreateClientAsync(alice, "Acme", "acme@example.com");

        var conflict = await SendAsync(alice, HttpMethod.Post, "/clients", new { name = "Acme again", email = "ACME@example.com" }, HttpStatusCode.Conflict);

        JsonAssert.IsBoolean(conflict["success"], false, "success");
        Assert.That(conflict["error"]!.GetValue<string>(), Is.EqualTo("CONFLICT"));
        await CreateClientAsync(bob, "Acme", "acme@example.com");
        Assert.That(await ListAsync(alice, "/clients"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Invalid_input_is_400_with_errors_by_field()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");

        var json = await SendAsync(dev, HttpMethod.Post, "/clients", new { name = "", email = "not-an-email" }, HttpStatusCode.BadRequest);

        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "name", "email" }));
        var wrongType = await SendAsync(dev, HttpMethod.Post, "/clients", RawJson("""{"name":{"x":1},"email":"a@b.example"}"""), HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(wrongType["success"], false, "success");
    }

    [Test]
    public async Task Clients_are_listed_read_replaced_patched_and_deleted()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var acme = await CreateClientAsync(dev, "Acme", "acme@example.com");
        var globex = await CreateClientAsync(dev, "Globex", "globex@example.com");

        var list = await ListAsync(dev, "/clients");
        Assert.That(list.Select(c => Id(c)), Is.EqualTo(new[] { Id(acme), Id(globex) }));
        AssertKeys(list[0]!.AsObject(), "id", "name", "email", "createdAt");
        var read = await DataAsync(dev, HttpMethod.Get, $"/clients/{Id(acme)}", null, HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(acme.ToJsonString()));

        var replaced = await DataAsync(dev, HttpMethod.Put, $"/clients/{Id(acme)}", new { name = "Acme Corp", email = "corp@acme.example" }, HttpStatusCode.OK);
        Assert.That(replaced["name"]!.GetValue<string>(), Is.EqualTo("Acme Corp"));
        Assert.That(replaced["email"]!.GetValue<string>(), Is.EqualTo("corp@acme.example"));
        var partialPut = await SendAsync(dev, HttpMethod.Put, $"/clients/{Id(acme)}", new { name = "Only a name" }, HttpStatusCode.BadRequest);
        Assert.That(partialPut["errors"]!.AsObject().ContainsKey("email"), Is.True, "PUT replaces: the email is required");

        var patched = await DataAsync(dev, HttpMethod.Patch, $"/clients/{Id(acme)}", new { name = "Acme Inc" }, HttpStatusCode.OK);
        Assert.That(patched["name"]!.GetValue<string>(), Is.EqualTo("Acme Inc"));
        Assert.That(patched["email"]!.GetValue<string>(), Is.EqualTo("corp@acme.example"), "PATCH keeps what is not sent");
        await SendAsync(dev, HttpMethod.Patch, $"/clients/{Id(acme)}", new { email = "globex@example.com" }, HttpStatusCode.Conflict);
        await DataAsync(dev, HttpMethod.Patch, $"/clients/{Id(acme)}", new { email = "corp@acme.example" }, HttpStatusCode.OK);

        var deleted = await SendAsync(dev, HttpMethod.Delete, $"/clients/{Id(globex)}", null, HttpStatusCode.OK);
        Assert.That(deleted["message"]!.GetValue<string>(), Is.EqualTo("Client deleted successfully."));
        Assert.That(Id(deleted["data"]), Is.EqualTo(Id(globex)));
        var gone = await SendAsync(dev, HttpMethod.Get, $"/clients/{Id(globex)}", null, HttpStatusCode.NotFound);
        Assert.That(gone["error"]!.GetValue<string>(), Is.EqualTo("CUSTOMER_NOT_FOUND"));
        await SendAsync(dev, HttpMethod.Delete, $"/clients/{Id(globex)}", null, HttpStatusCode.NotFound);
        Assert.That((await ListAsync(dev, "/clients")).Select(c => Id(c)), Is.EqualTo(new[] { Id(acme) }));
    }

    [Test]
    public async Task Deleting_a_client_detaches_its_projects_and_licenses_which_keep_working()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (clientId, projectId, key) = await SetUpLicenseAsync(dev);
        await ActivateAsync(key, "machine-1", "instance-1");

        await SendAsync(dev, HttpMethod.Delete, $"/clients/{clientId}", null, HttpStatusCode.OK);

        var project = await DataAsync(dev, HttpMethod.Get, $"/projects/{projectId}", null, HttpStatusCode.OK);
        IsNull(project, "clientId");
        var license = await DataAsync(dev, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK);
        IsNull(license, "clientId");
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("active"));
        var validation = await ValidateAsync(key, "machine-1", "instance-1");
        JsonAssert.IsBoolean(validation["valid"], true, "valid");
    }
}
