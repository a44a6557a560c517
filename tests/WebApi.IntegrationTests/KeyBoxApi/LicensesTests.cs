using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

public sealed class LicensesTests : KeyBoxApiTest
{
    [Test]
    public async Task Creating_a_license_answers_201_with_a_pending_license()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var client = await CreateClientAsync(dev);
        var project = (await CreateProjectAsync(dev, "Editor"))["project"]!;

        var json = await SendAsync(dev, HttpMethod.Post, "/license/create",
            new { duration = 6, clientId = Id(client), projectId = Id(project), services = new[] { "pro" } }, HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["success"], true, "success");
        var license = json["data"]!.AsObject();
        AssertKeys(license, "id", "key", "status", "duration", "services", "issuedAt", "expiresAt", "clientId", "projectId");
        Assert.That(license["key"]!.GetValue<string>(), Does.Match("^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$"));
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(license["duration"]!.GetValue<int>(), Is.EqualTo(6));
        Assert.That(license["services"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "pro" }));
        JsonAssert.IsString(license["issuedAt"], "issuedAt");
        IsNull(license, "expiresAt");
        Assert.That(license["clientId"]!.GetValue<string>(), Is.EqualTo(Id(client)));
        Assert.That(license["projectId"]!.GetValue<string>(), Is.EqualTo(Id(project)));
        var noServices = await CreateKeyBoxLicenseAsync(dev, Id(client), Id(project));
        Assert.That(noServices["services"]!.AsArray(), Is.Empty, "services is an array even when none were given");
    }

    [Test]
    public async Task Missing_or_out_of_range_fields_are_400_and_unknown_references_404()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var client = await CreateClientAsync(dev);
        var project = (await CreateProjectAsync(dev, "Editor"))["project"]!;

        var missing = await SendAsync(dev, HttpMethod.Post, "/license/create", new { }, HttpStatusCode.BadRequest);
        Assert.That(missing["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "clientId", "projectId", "duration" }));
        var tooLong = await SendAsync(dev, HttpMethod.Post, "/license/create", new { duration = 13, clientId = Id(client), projectId = Id(project) }, HttpStatusCode.BadRequest);
        Assert.That(tooLong["errors"]!["duration"]![0]!.GetValue<string>(), Is.EqualTo("The duration must be between 1 and 12 months."));

        var noProject = await SendAsync(dev, HttpMethod.Post, "/license/create", new { duration = 1, clientId = Id(client), projectId = Guid.NewGuid() }, HttpStatusCode.NotFound);
        Assert.That(noProject["error"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
        var noClient = await SendAsync(dev, HttpMethod.Post, "/license/create", new { duration = 1, clientId = Guid.NewGuid(), projectId = Id(project) }, HttpStatusCode.NotFound);
        Assert.That(noClient["error"]!.GetValue<string>(), Is.EqualTo("CUSTOMER_NOT_FOUND"));
        Assert.That(await ListAsync(dev, "/license"), Is.Empty);
    }

    [Test]
    public async Task Licenses_are_listed_and_read_by_key()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (clientId, projectId, key) = await SetUpLicenseAsync(dev);
        var other = (await CreateProjectAsync(dev, "Other"))["project"]!;
        var second = await CreateKeyBoxLicenseAsync(dev, clientId, Id(other), 12);

        var list = await ListAsync(dev, "/license");
        Assert.That(list.Select(l => l!["key"]!.GetValue<string>()), Is.EqualTo(new[] { key, second["key"]!.GetValue<string>() }));
        Assert.That((await ListAsync(dev, $"/license?projectId={projectId}")).Select(l => l!["key"]!.GetValue<string>()), Is.EqualTo(new[] { key }));
        Assert.That(await ListAsync(dev, $"/license?clientId={Guid.NewGuid()}"), Is.Empty);

        var read = await DataAsync(dev, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(list[0]!.ToJsonString()));
        var unknown = await SendAsync(dev, HttpMethod.Get, "/license/NO-SUCH-KEY", null, HttpStatusCode.NotFound);
        Assert.That(unknown["error"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
        JsonAssert.IsBoolean(unknown["success"], false, "success");
    }

    [Test]
    public async Task Revoke_toggles_between_revoked_and_the_status_the_license_would_have()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);

        var revoked = await SendAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK);
        Assert.That(revoked["data"]!["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        Assert.That(revoked["message"]!.GetValue<string>(), Is.EqualTo("License revoked successfully."));
        var restored = await SendAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK);
        Assert.That(restored["data"]!["status"]!.GetValue<string>(), Is.EqualTo("pending"), "never activated: back to pending");

        await ActivateAsync(key, "m1", "i1");
        Assert.That((await DataAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        Assert.That((await DataAsync(dev, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        Assert.That((await DataAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        await SendAsync(dev, HttpMethod.Patch, "/license/revoke/NO-SUCH-KEY", null, HttpStatusCode.NotFound);
    }
}
