using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

/// <summary>The SDK routes, called as the KeyBox SDKs do: only Content-Type, body {key, productName, instanceId, machineId}.</summary>
public sealed class ValidateTests : KeyBoxApiTest
{
    private static DateTimeOffset ParseIso(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Test]
    public async Task Activation_starts_the_duration_and_validation_then_answers_active()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev, "Photo Editor", duration: 3);

        var activated = await ActivateAsync(key, "machine-1", "instance-1", productName: "Photo Editor");

        AssertKeys(activated, "success", "message", "machineId", "instanceId", "activatedAt", "expiresAt", "valid", "status", "data", "license_file");
        JsonAssert.IsBoolean(activated["success"], true, "success");
        JsonAssert.IsBoolean(activated["valid"], true, "valid");
        Assert.That(activated["message"]!.GetValue<string>(), Is.EqualTo("License activated successfully"));
        Assert.That(activated["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(activated["machineId"]!.GetValue<string>(), Is.EqualTo("machine-1"));
        Assert.That(activated["instanceId"]!.GetValue<string>(), Is.EqualTo("instance-1"));
        JsonAssert.IsString(activated["activatedAt"], "activatedAt");
        JsonAssert.IsString(activated["expiresAt"], "expiresAt (ISO 8601 on /validate/activate)");
        var activatedAt = ParseIso(activated["activatedAt"]!.GetValue<string>());
        var expiresAt = ParseIso(activated["expiresAt"]!.GetValue<string>());
        Assert.That(activatedAt, Is.EqualTo(Server.Clock.GetUtcNow()).Within(TimeSpan.FromMinutes(1)));
        Assert.That(expiresAt, Is.EqualTo(activatedAt.AddMonths(3)).Within(TimeSpan.FromSeconds(1)));
        Assert.That(activated["data"]!["key"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(activated["data"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));

        var validated = await ValidateAsync(key, "machine-1", "instance-1", "photo editor");

        AssertKeys(validated, "success", "valid", "status", "message", "expiresAt", "data");
        JsonAssert.IsBoolean(validated["success"], true, "success");
        JsonAssert.IsBoolean(validated["valid"], true, "valid");
        Assert.That(validated["status"]!.GetValue<string>(), Is.EqualTo("active"));
        IsNumber(validated["expiresAt"], "expiresAt (epoch ms on /validate)");
        Assert.That(validated["expiresAt"]!.GetValue<long>(), Is.EqualTo(expiresAt.ToUnixTimeMilliseconds()));
        var data = validated["data"]!.AsObject();
        Assert.That(data["key"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(data["productName"]!.GetValue<string>(), Is.EqualTo("Photo Editor"));
        Assert.That(data["machineId"]!.GetValue<string>(), Is.EqualTo("machine-1"));
        IsNumber(data["expiresAt"], "data.expiresAt");

        var license = await DataAsync(dev, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK);
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(ParseIso(license["expiresAt"]!.GetValue<string>()), Is.EqualTo(expiresAt).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task The_same_machine_and_instance_again_is_already_activated_and_the_expiry_does_not_move()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);
        var first = await ActivateAsync(key, "machine-1", "instance-1");
        Server.Clock.Advance(TimeSpan.FromDays(3));

        var again = await ActivateAsync(key, "machine-1", "instance-1");

        JsonAssert.IsBoolean(again["success"], true, "success");
        Assert.That(again["message"]!.GetValue<string>(), Is.EqualTo("License already activated on this machine"));
        Assert.That(again["expiresAt"]!.GetValue<string>(), Is.EqualTo(first["expiresAt"]!.GetValue<string>()));
    }

    [Test]
    public async Task A_second_machine_is_refused_while_the_only_seat_is_taken()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);
        await ActivateAsync(key, "machine-1", "instance-1");

        var refused = await ActivateAsync(key, "machine-2", "instance-1", HttpStatusCode.Forbidden);

        JsonAssert.IsBoolean(refused["success"], false, "success");
        JsonAssert.IsBoolean(refused["valid"], false, "valid");
        Assert.That(refused["message"]!.GetValue<string>(), Is.EqualTo("License already activated on another machine"));
        Assert.That(refused["error"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_LIMIT_REACHED"));
        Assert.That(refused["status"]!.GetValue<string>(), Is.EqualTo("machine_mismatch"));
        var validated = await ValidateAsync(key, "machine-2", "instance-1");
        JsonAssert.IsBoolean(validated["success"], false, "success");
        JsonAssert.IsBoolean(validated["valid"], false, "valid");
        Assert.That(validated["status"]!.GetValue<string>(), Is.EqualTo("machine_mismatch"));
        JsonAssert.IsBoolean((await ValidateAsync(key, "machine-1", "instance-1"))["valid"], true, "the first machine still validates");
    }

    [Test]
    public async Task Another_instance_on_the_machine_is_an_instance_mismatch_and_takes_the_seat_only_once_the_first_is_released()
    {
        await CreateProductAsync("PROD-MOVE");
        var license = await CreateLicenseAsync("PROD-MOVE", new { duration_months = 12 });
        var key = license["license_code"]!.GetValue<string>();
        await ActivateAsync(key, "machine-1", "instance-1");

        var other = await ValidateAsync(key, "machine-1", "instance-2");
        Assert.That(other["status"]!.GetValue<string>(), Is.EqualTo("instance_mismatch"));
        JsonAssert.IsBoolean(other["valid"], false, "valid");

        var takeover = await ActivateAsync(key, "machine-1", "instance-2", HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(takeover["success"], false, "success");
        JsonAssert.IsBoolean(takeover["valid"], false, "valid");
        Assert.That(takeover["message"]!.GetValue<string>(), Is.EqualTo("License already activated on this machine for another instance"));
        Assert.That(takeover["error"]!.GetValue<string>(), Is.EqualTo("INSTANCE_MISMATCH"));
        Assert.That(takeover["status"]!.GetValue<string>(), Is.EqualTo("instance_mismatch"));
        Assert.That(takeover.ToJsonString(), Does.Not.Contain("instance-1"), "the holding instance is not revealed");
        Assert.That((await ValidateAsync(key, "machine-1", "instance-1"))["status"]!.GetValue<string>(), Is.EqualTo("active"), "the holder keeps its seat");

        var activations = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}/activations", null, HttpStatusCode.OK);
        var activationId = activations["data"]!.AsArray().Single()!["id"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/activated-product-activations/{activationId}", null, HttpStatusCode.OK);

        var moved = await ActivateAsync(key, "machine-1", "instance-2");
        Assert.That(moved["message"]!.GetValue<string>(), Is.EqualTo("License activated successfully"));
        Assert.That(moved["instanceId"]!.GetValue<string>(), Is.EqualTo("instance-2"));
        Assert.That((await ValidateAsync(key, "machine-1", "instance-2"))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That((await ValidateAsync(key, "machine-1", "instance-1"))["status"]!.GetValue<string>(), Is.EqualTo("instance_mismatch"));
    }

    [Test]
    public async Task Leaving_out_machineId_or_instanceId_is_never_valid_for_a_bound_license_and_reveals_neither()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);
        await ActivateAsync(key, "machine-1", "instance-1");

        var noMachine = await SdkAsync("/validate", new { key }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(noMachine["success"], false, "success");
        JsonAssert.IsBoolean(noMachine["valid"], false, "valid");
        Assert.That(noMachine["status"]!.GetValue<string>(), Is.EqualTo("machine_mismatch"));
        Assert.That(noMachine["message"]!.GetValue<string>(), Is.EqualTo("machineId is required"));
        IsNull(noMachine["data"]!.AsObject(), "machineId");
        IsNull(noMachine["data"]!.AsObject(), "instanceId");
        Assert.That(noMachine.ToJsonString(), Does.Not.Contain("machine-1").And.Not.Contain("instance-1"));

        var noInstance = await SdkAsync("/validate", new { key, machineId = "machine-1" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(noInstance["valid"], false, "valid");
        Assert.That(noInstance["status"]!.GetValue<string>(), Is.EqualTo("instance_mismatch"));
        Assert.That(noInstance["message"]!.GetValue<string>(), Is.EqualTo("instanceId is required"));
        Assert.That(noInstance.ToJsonString(), Does.Not.Contain("instance-1"));

        var activateNoMachine = await SdkAsync("/validate/activate", new { key }, HttpStatusCode.Forbidden);
        Assert.That(activateNoMachine["status"]!.GetValue<string>(), Is.EqualTo("machine_mismatch"), "no machine is another place: the only seat is taken");
        Assert.That(activateNoMachine.ToJsonString(), Does.Not.Contain("machine-1").And.Not.Contain("instance-1"));
        var activateNoInstance = await SdkAsync("/validate/activate", new { key, machineId = "machine-1" }, HttpStatusCode.Forbidden);
        Assert.That(activateNoInstance["status"]!.GetValue<string>(), Is.EqualTo("instance_mismatch"));
        Assert.That(activateNoInstance.ToJsonString(), Does.Not.Contain("instance-1"));

        var holder = await ValidateAsync(key, "machine-1", "instance-1");
        JsonAssert.IsBoolean(holder["valid"], true, "the holder still validates");
        Assert.That(holder["data"]!["instanceId"]!.GetValue<string>(), Is.EqualTo("instance-1"));
    }

    [Test]
    public async Task A_license_with_several_parallel_uses_accepts_that_many_machines()
    {
        await CreateProductAsync("PROD-MULTI");
        var license = await CreateLicenseAsync("PROD-MULTI", new { parallel_uses = 2, duration_months = 12 });
        var key = license["license_code"]!.GetValue<string>();

        await ActivateAsync(key, "machine-a", "i");
        await ActivateAsync(key, "machine-b", "i");
        var third = await ActivateAsync(key, "machine-c", "i", HttpStatusCode.Forbidden);

        Assert.That(third["message"]!.GetValue<string>(), Is.EqualTo("License already activated on another machine"));
        Assert.That((await ValidateAsync(key, "machine-a", "i"))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That((await ValidateAsync(key, "machine-b", "i"))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That((await ValidateAsync(key, "machine-c", "i"))["status"]!.GetValue<string>(), Is.EqualTo("machine_mismatch"));
    }

    [Test]
    public async Task A_revoked_license_does_not_validate_or_activate_until_restored()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);
        await ActivateAsync(key, "machine-1", "instance-1");
        await SendAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK);

        var validated = await ValidateAsync(key, "machine-1", "instance-1");
        Assert.That(validated["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        JsonAssert.IsBoolean(validated["valid"], false, "valid");
        JsonAssert.IsBoolean(validated["success"], false, "success");
        var activation = await ActivateAsync(key, "machine-1", "instance-1", HttpStatusCode.Forbidden);
        Assert.That(activation["message"]!.GetValue<string>(), Is.EqualTo("License has been revoked"));
        Assert.That(activation["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        Assert.That(activation["error"]!.GetValue<string>(), Is.EqualTo("LICENSE_BLOCKED"));

        await SendAsync(dev, HttpMethod.Patch, $"/license/revoke/{key}", null, HttpStatusCode.OK);
        Assert.That((await ValidateAsync(key, "machine-1", "instance-1"))["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task After_its_duration_a_license_is_expired()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev, duration: 1);
        await ActivateAsync(key, "machine-1", "instance-1");

        Server.Clock.Advance(TimeSpan.FromDays(32));
        using var later = BearerClient(Server, await LogInAsync("dev@example.com"));

        var validated = await ValidateAsync(key, "machine-1", "instance-1");
        Assert.That(validated["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        JsonAssert.IsBoolean(validated["valid"], false, "valid");
        IsNumber(validated["expiresAt"], "expiresAt");
        var activation = await ActivateAsync(key, "machine-1", "instance-1", HttpStatusCode.Forbidden);
        Assert.That(activation["message"]!.GetValue<string>(), Is.EqualTo("License has expired"));
        Assert.That(activation["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That((await DataAsync(later, HttpMethod.Get, $"/license/{key}", null, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("expired"));
    }

    [Test]
    public async Task A_license_never_activated_is_pending_and_its_duration_does_not_run()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev, duration: 1);

        var validated = await ValidateAsync(key, "machine-1", "instance-1");
        Assert.That(validated["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        JsonAssert.IsBoolean(validated["valid"], false, "valid");
        IsNull(validated, "expiresAt");

        Server.Clock.Advance(TimeSpan.FromDays(90));
        var activated = await ActivateAsync(key, "machine-1", "instance-1");
        Assert.That(ParseIso(activated["expiresAt"]!.GetValue<string>()), Is.GreaterThan(Server.Clock.GetUtcNow().AddDays(27)));
    }

    [Test]
    public async Task An_unknown_key_or_another_products_name_is_invalid_on_validate_and_404_on_activate()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev, "Editor");

        var unknown = await ValidateAsync("NO-SUCH-KEY", "machine-1", "instance-1");
        Assert.That(unknown["status"]!.GetValue<string>(), Is.EqualTo("invalid"));
        JsonAssert.IsBoolean(unknown["valid"], false, "valid");
        JsonAssert.IsBoolean(unknown["success"], false, "success");
        IsNull(unknown, "data");
        IsNull(unknown, "expiresAt");
        var wrongProduct = await ValidateAsync(key, "machine-1", "instance-1", productName: "Viewer");
        Assert.That(wrongProduct["status"]!.GetValue<string>(), Is.EqualTo("invalid"));

        var notFound = await ActivateAsync("NO-SUCH-KEY", "machine-1", "instance-1", HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(notFound["success"], false, "success");
        Assert.That(notFound["message"]!.GetValue<string>(), Is.EqualTo("License not found"));
        Assert.That(notFound["error"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
        await ActivateAsync(key, "machine-1", "instance-1", HttpStatusCode.NotFound, productName: "Viewer");
        Assert.That((await ValidateAsync(key, "machine-1", "instance-1"))["status"]!.GetValue<string>(), Is.EqualTo("pending"), "the refused activation did not start it");
    }

    [Test]
    public async Task A_missing_key_is_400()
    {
        var validate = await SdkAsync("/validate", new { machineId = "m" }, HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(validate["success"], false, "success");
        Assert.That(validate["error"]!.GetValue<string>(), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(validate["errors"]!.AsObject().ContainsKey("key"), Is.True, validate.ToJsonString());
        var activate = await SdkAsync("/validate/activate", new { machineId = "m" }, HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(activate["valid"], false, "valid");
        Assert.That(activate["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "key" }), "the field the SDK sent");
        var malformed = await SdkAsync("/validate", "not an object", HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(malformed["success"], false, "success");
    }

    [Test]
    public async Task The_validate_routes_are_limited_to_5_requests_per_15_minutes_per_IP()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var (_, _, key) = await SetUpLicenseAsync(dev);
        const string ip = "192.0.2.77";

        await SdkAsync("/validate/activate", new { key, machineId = "m", instanceId = "i" }, HttpStatusCode.OK, ip);
        for (var i = 0; i < 4; i++)
        {
            await SdkAsync("/validate", new { key, machineId = "m", instanceId = "i" }, HttpStatusCode.OK, ip);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { key, machineId = "m", instanceId = "i" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TestRemoteIpStartupFilter.Header, ip);
        using var refused = await Anonymous.SendAsync(request);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await refused.Content.ReadAsStringAsync(),
            Is.EqualTo("""{"success":false,"message":"Too many requests, please try again later.","error":"RATE_LIMITED"}"""));
        Assert.That(refused.Headers.GetValues("RateLimit-Limit").Single(), Is.EqualTo("5"));
        Assert.That(refused.Headers.GetValues("RateLimit-Remaining").Single(), Is.EqualTo("0"));
        Assert.That(refused.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("5;w=900"));
        Assert.That(int.Parse(refused.Headers.GetValues("RateLimit-Reset").Single(), CultureInfo.InvariantCulture), Is.InRange(1, 900));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 900));
        await SdkAsync("/validate", new { key, machineId = "m", instanceId = "i" }, HttpStatusCode.OK, "192.0.2.78");
    }
}
