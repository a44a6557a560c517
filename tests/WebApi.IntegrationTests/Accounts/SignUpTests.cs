using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

public sealed class SignUpTests : AccountsTest
{
    [Test]
    public async Task Sign_up_is_201_with_the_account_in_camelCase()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Ada", ["email"] = " Ada@Example.com ", ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["success"], true, "success");
        JsonAssert.IsString(json["message"], "message");
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "message", "data" }));
        var data = json["data"]!.AsObject();
        Assert.That(data.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "email", "role", "createdAt" }));
        Assert.That(Guid.TryParse(data["id"]!.GetValue<string>(), out _), Is.True, "id is a GUID string");
        Assert.That(data["name"]!.GetValue<string>(), Is.EqualTo("Ada"));
        Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("ada@example.com"), "emails are trimmed and lower-cased");
        JsonAssert.IsString(data["createdAt"], "createdAt");
        Assert.That(DateTimeOffset.Parse(data["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(json.ToJsonString(), Does.Not.Contain("password").IgnoreCase, "no password or hash on the wire");
    }

    [Test]
    public async Task With_a_configured_bootstrap_admin_sign_ups_are_developers()
    {
        // KeyBoxFactory configures Bootstrap:AdminEmail: a person already administers the server.
        var first = await SignUpAsync("first@example.com");
        var second = await SignUpAsync("second@example.com");
        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        Assert.That(second["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
    }

    [Test]
    public async Task On_a_fresh_install_the_first_sign_up_is_admin_and_the_next_a_developer()
    {
        // A fresh install without a configured admin: the server generates admin@keybox.local for itself.
        await ExecuteSqlAsync("DELETE FROM users");
        await using var fresh = new KeyBoxFactory(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "", ["Bootstrap:AdminPassword"] = "" });
        using var client = fresh.CreateClient();

        var first = await SignUpAsync(client, "owner@example.com");
        var second = await SignUpAsync(client, "colleague@example.com");

        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
        Assert.That(second["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
    }

    [Test]
    public async Task With_no_accounts_at_all_the_first_sign_up_is_admin()
    {
        await ExecuteSqlAsync("DELETE FROM users");
        var first = await SignUpAsync("owner@example.com");
        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
    }

    [Test]
    public async Task A_duplicate_email_is_409_whatever_its_case()
    {
        await SignUpAsync("taken@example.com");
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Again", ["email"] = "TAKEN@example.com", ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Conflict);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("CONFLICT"));
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "email" }));
    }

    [Test]
    public async Task Signing_up_with_the_bootstrap_admin_email_is_409()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Me", ["email"] = KeyBoxFactory.AdminEmail, ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Conflict);
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("CONFLICT"));
    }

    [Test]
    public async Task Invalid_input_is_400_with_errors_keyed_by_the_fields_sent()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "", ["email"] = "not-an-email", ["password"] = "short", ["confirm_password"] = "different" },
            HttpStatusCode.BadRequest);

        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("VALIDATION_FAILED"));
        var errors = json["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "name", "email", "password", "confirm_password" }));
        Assert.That(errors["password"]![0]!.GetValue<string>(), Does.Contain("8 characters"));
        Assert.That(errors["confirm_password"]![0]!.GetValue<string>(), Does.Contain("does not match"));
    }

    [Test]
    public async Task A_mismatched_confirmation_alone_is_reported_on_confirm_password()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "A", ["email"] = "a@example.com", ["password"] = Password, ["confirm_password"] = Password + "x" },
            HttpStatusCode.BadRequest);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "confirm_password" }));
    }

    [Test]
    public async Task A_password_of_exactly_8_characters_is_accepted()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "A", ["email"] = "eight@example.com", ["password"] = "12345678", ["confirm_password"] = "12345678" },
            HttpStatusCode.Created);
        JsonAssert.IsBoolean(json["success"], true, "success");
    }

    [Test]
    public async Task Closed_sign_up_is_403_SIGNUP_CLOSED_but_login_still_works()
    {
        await using var closed = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:AllowSignup"] = "false" });
        using var client = closed.CreateClient();

        var json = await SendAsync(client, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Late", ["email"] = "late@example.com", ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("SIGNUP_CLOSED"));

        var token = await LogInAsync(client, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        Assert.That(token, Is.Not.Empty);
    }

    [Test]
    public async Task Malformed_json_on_a_root_route_is_400_in_the_KeyBox_envelope()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup", RawJson("{\"name\": \"x\", "), HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("JSON"));
        Assert.That(json.ContainsKey("status"), Is.False, "not the internal envelope");
    }

    [Test]
    public async Task A_wrong_json_type_on_a_root_route_is_400_naming_the_field()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            RawJson("{\"name\":\"x\",\"email\":\"x@example.com\",\"password\":12345678,\"confirm_password\":\"12345678\"}"), HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("password"));
    }

    [Test]
    public async Task A_missing_body_on_a_root_route_is_400_in_the_KeyBox_envelope()
    {
        using var content = new StringContent(string.Empty);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/login", content, HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(json["success"], false, "success");
        JsonAssert.IsString(json["error"], "error");
    }
}
