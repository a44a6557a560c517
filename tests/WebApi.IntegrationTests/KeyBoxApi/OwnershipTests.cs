using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

/// <summary>Two developers never see or touch each other's clients, projects and licenses; an admin sees all; no token, no access.</summary>
public sealed class KeyBoxOwnershipTests : KeyBoxApiTest
{
    [Test]
    public async Task Every_route_answers_404_for_another_developers_resources_and_lists_do_not_leak_them()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        var (aliceClient, aliceProject, aliceKey) = await SetUpLicenseAsync(alice, "Alice App");
        await ActivateAsync(aliceKey, "alice-machine", "alice-instance");
        var (bobClient, bobProject, _) = await SetUpLicenseAsync(bob, "Bob App", email: "bob-client@example.com");

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/clients/{aliceClient}", null),
            (HttpMethod.Put, $"/clients/{aliceClient}", new { name = "Taken", email = "taken@example.com" }),
            (HttpMethod.Patch, $"/clients/{aliceClient}", new { name = "Taken" }),
            (HttpMethod.Delete, $"/clients/{aliceClient}", null),
            (HttpMethod.Get, $"/projects/{aliceProject}", null),
            (HttpMethod.Put, $"/projects/{aliceProject}", new { name = "Taken" }),
            (HttpMethod.Patch, $"/projects/{aliceProject}", new { name = "Taken" }),
            (HttpMethod.Delete, $"/projects/{aliceProject}", null),
            (HttpMethod.Post, "/projects", new { name = "Mine", clientId = aliceClient }),
            (HttpMethod.Patch, $"/projects/{bobProject}", new { clientId = aliceClient }),
            (HttpMethod.Get, $"/license/{aliceKey}", null),
            (HttpMethod.Patch, $"/license/revoke/{aliceKey}", null),
            (HttpMethod.Post, "/license/create", new { duration = 1, clientId = aliceClient, projectId = bobProject }),
            (HttpMethod.Post, "/license/create", new { duration = 1, clientId = bobClient, projectId = aliceProject }),
            (HttpMethod.Get, $"/dashboard?clientId={aliceClient}", null),
        };
        foreach (var (method, url, body) in attempts)
        {
            var json = await SendAsync(bob, method, url, body, HttpStatusCode.NotFound);
            JsonAssert.IsBoolean(json["success"], false, $"{method} {url}: success");
        }

        Assert.That((await ListAsync(bob, "/clients")).Select(c => Id(c)), Is.EqualTo(new[] { bobClient }));
        Assert.That((await ListAsync(bob, "/projects")).Select(p => Id(p)), Is.EqualTo(new[] { bobProject }));
        Assert.That((await ListAsync(bob, "/license")).Select(l => l!["projectId"]!.GetValue<string>()), Is.EqualTo(new[] { bobProject }));
        Assert.That(await ListAsync(bob, $"/license?clientId={aliceClient}"), Is.Empty);
        Assert.That(await ListAsync(bob, $"/projects?clientId={aliceClient}"), Is.Empty);
        var dashboard = await DataAsync(bob, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(dashboard["clientsCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(dashboard["projectsCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(dashboard["licensesCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(dashboard["activeActivations"]!.GetValue<int>(), Is.EqualTo(0), "Alice's activation is not Bob's");
        Assert.That(dashboard["clients"]!.AsArray().Select(c => Id(c)), Is.EqualTo(new[] { bobClient }));

        // Nothing of Alice's changed.
        var client = await DataAsync(alice, HttpMethod.Get, $"/clients/{aliceClient}", null, HttpStatusCode.OK);
        Assert.That(client["name"]!.GetValue<string>(), Is.EqualTo("Acme"));
        var project = await DataAsync(alice, HttpMethod.Get, $"/projects/{aliceProject}", null, HttpStatusCode.OK);
        Assert.That(project["name"]!.GetValue<string>(), Is.EqualTo("Alice App"));
        Assert.That(project["clientId"]!.GetValue<string>(), Is.EqualTo(aliceClient));
        Assert.That((await DataAsync(alice, HttpMethod.Get, $"/license/{aliceKey}", null, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That((await ListAsync(alice, "/license")), Has.Count.EqualTo(1), "Bob's attempts created no license");
        Assert.That((await DataAsync(bob, HttpMethod.Get, $"/projects/{bobProject}", null, HttpStatusCode.OK))["clientId"]!.GetValue<string>(), Is.EqualTo(bobClient));
    }

    [Test]
    public async Task An_admin_sees_every_developers_resources()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        using var admin = BearerClient(Server, await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword));
        var (aliceClient, aliceProject, aliceKey) = await SetUpLicenseAsync(alice, "Alice App");
        var (bobClient, bobProject, bobKey) = await SetUpLicenseAsync(bob, "Bob App");

        Assert.That((await ListAsync(admin, "/clients")).Select(c => Id(c)), Is.EquivalentTo(new[] { aliceClient, bobClient }));
        Assert.That((await ListAsync(admin, "/projects")).Select(p => Id(p)), Is.EquivalentTo(new[] { aliceProject, bobProject }));
        Assert.That((await ListAsync(admin, "/license")).Select(l => l!["key"]!.GetValue<string>()), Is.EquivalentTo(new[] { aliceKey, bobKey }));
        await DataAsync(admin, HttpMethod.Get, $"/clients/{aliceClient}", null, HttpStatusCode.OK);
        await DataAsync(admin, HttpMethod.Get, $"/license/{bobKey}", null, HttpStatusCode.OK);
        var dashboard = await DataAsync(admin, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(dashboard["clientsCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(dashboard["licensesByStatus"]!["pending"]!.GetValue<int>(), Is.EqualTo(2));

        // A license the admin issues for Bob's project and client belongs to Bob.
        var license = await CreateKeyBoxLicenseAsync(admin, bobClient, bobProject);
        Assert.That((await ListAsync(bob, "/license")).Select(l => Id(l)), Does.Contain(Id(license)));
        var mixed = await SendAsync(admin, HttpMethod.Post, "/license/create", new { duration = 1, clientId = aliceClient, projectId = bobProject }, HttpStatusCode.BadRequest);
        Assert.That(mixed["errors"]!.AsObject().ContainsKey("clientId"), Is.True, "a client and a project of different accounts do not mix");
    }

    [TestCase("GET", "/clients")]
    [TestCase("POST", "/clients")]
    [TestCase("GET", "/clients/00000000-0000-0000-0000-000000000001")]
    [TestCase("PUT", "/clients/00000000-0000-0000-0000-000000000001")]
    [TestCase("PATCH", "/clients/00000000-0000-0000-0000-000000000001")]
    [TestCase("DELETE", "/clients/00000000-0000-0000-0000-000000000001")]
    [TestCase("GET", "/projects")]
    [TestCase("POST", "/projects")]
    [TestCase("GET", "/projects/00000000-0000-0000-0000-000000000001")]
    [TestCase("PUT", "/projects/00000000-0000-0000-0000-000000000001")]
    [TestCase("PATCH", "/projects/00000000-0000-0000-0000-000000000001")]
    [TestCase("DELETE", "/projects/00000000-0000-0000-0000-000000000001")]
    [TestCase("GET", "/license")]
    [TestCase("POST", "/license/create")]
    [TestCase("GET", "/license/SOME-KEY")]
    [TestCase("PATCH", "/license/revoke/SOME-KEY")]
    [TestCase("GET", "/dashboard")]
    public async Task Without_a_bearer_token_the_route_is_401(string method, string url)
    {
        var body = method is "POST" or "PUT" or "PATCH" ? new { name = "x" } : null;

        var json = await SendAsync(Anonymous, new HttpMethod(method), url, body, HttpStatusCode.Unauthorized);

        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        await SendAsync(External, new HttpMethod(method), url, body, HttpStatusCode.Unauthorized);
    }
}
