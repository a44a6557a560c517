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
        var first = await SignUpAsync("first@example.com");
        var second = await SignUpAsync("second@example.com");
        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        Assert.That(second["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
    }

    [Test]
    public async Task On_a_fresh_install_the_first_sign_up_is_a_developer_too()
    {
        // A fresh install without a configured admin: the server generates admin@keybox.local for itself, and
        // admins come only from there or from another admin.
        await ExecuteSqlAsync("DELETE FROM users");
        await using var fresh = new KeyBoxFactory(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "", ["Bootstrap:AdminPassword"] = "" });
        using var client = fresh.CreateClient();

        var first = await SignUpAsync(client, "owner@example.com");
        var second = await SignUpAsync(client, "colleague@example.com");

        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        Assert.That(second["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
    }

    [Test]
    public async Task With_no_accounts_at_all_the_first_sign_up_is_a_developer()
    {
        await ExecuteSqlAsync("DELETE FROM users");
        var first = await SignUpAsync("owner@example.com");
        Assert.That(first["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
    }

    [Test]
    public async Task Twenty_parallel_sign_ups_on_an_install_with_no_accounts_create_no_admin()
    {
        await ExecuteSqlAsync("DELETE FROM users");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignUpAsync(Server.CreateClient(), $"racer{i}@example.com")));

        Assert.That(results.Select(r => r["role"]!.GetValue<string>()), Is.All.EqualTo("DEVELOPER"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE role = 'Admin'"), Is.EqualTo(0L), "no ADMIN was created");
        Assert.That(await ScalarAsync("SELECT count(*) FROM users"), Is.EqualTo(20L));
    }

    [Test]
    public async Task A_taken_email_gets_the_same_answer_as_a_new_one_and_nothing_changes()
    {
        var original = await SignUpAsync("taken@example.com", "Owner");
        using var response = await Anonymous.PostAsync("/auth/signup", Json(new Dictionary<string, object?>
        {
            ["name"] = "Owner", ["email"] = "TAKEN@example.com", ["password"] = "another-long-password", ["confirm_password"] = "another-long-password",
        }));
        var again = await ReadObjectAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the same status as a new account");
        JsonAssert.IsBoolean(again["success"], true, "success");
        Assert.That(again.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "message", "data" }));
        var data = again["data"]!.AsObject();
        Assert.That(data.Select(p => p.Key), Is.EquivalentTo(original.Select(p => p.Key)), "the same body shape");
        Assert.That(data["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        Assert.That(data["id"]!.GetValue<string>(), Is.Not.EqualTo(original["id"]!.GetValue<string>()), "the existing account is not revealed");

        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email = 'taken@example.com'"), Is.EqualTo(1L));
        await LogInAsync("taken@example.com");
        await LogInExpectingAsync(Anonymous, "taken@example.com", "another-long-password", HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Signing_up_with_the_bootstrap_admin_email_changes_nothing()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Me", ["email"] = KeyBoxFactory.AdminEmail, ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Created);
        Assert.That(json["data"]!["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        await LogInExpectingAsync(Anonymous, KeyBoxFactory.AdminEmail, Password, HttpStatusCode.Unauthorized);
    }

    [TestCase("password")]
    [TestCase("password1234")]
    [TestCase("Password1234")]
    [TestCase("short-pass1")]
    public async Task Short_or_common_passwords_are_refused(string password)
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "A", ["email"] = "weak@example.com", ["password"] = password, ["confirm_password"] = password },
            HttpStatusCode.BadRequest);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "password" }));
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email = 'weak@example.com'"), Is.EqualTo(0L));
    }

    [TestCase("ada\u200b@example.com")]
    [TestCase("ada\u200d@example.com")]
    [TestCase("ada\u2060@example.com")]
    [TestCase("\ufeffada@example.com")]
    [TestCase("ada\u0007@example.com")]
    public async Task Emails_with_control_or_zero_width_characters_are_refused(string escapedEmail)
    {
        var body = $"{{\"name\":\"A\",\"email\":\"{escapedEmail}\",\"password\":\"{Password}\",\"confirm_password\":\"{Password}\"}}";
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup", RawJson(body), HttpStatusCode.BadRequest);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("email"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email LIKE 'ada%'"), Is.EqualTo(0L));
    }

    [Test]
    public async Task Sign_up_is_closed_by_default()
    {
        // Without the test host's Auth:AllowSignup=true: the server's own default.
        await using var defaults = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:AllowSignup"] = null });
        using var client = defaults.CreateClient();
        var json = await SendAsync(client, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "Late", ["email"] = "late@example.com", ["password"] = Password, ["confirm_password"] = Password },
            HttpStatusCode.Forbidden);
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("SIGNUP_CLOSED"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email = 'late@example.com'"), Is.EqualTo(0L));
    }

    [Test]
    public async Task Open_sign_up_is_throttled_per_client_ip()
    {
        await using var throttled = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["Auth:SignupThrottle:PermitLimit"] = "3",
            ["Auth:SignupThrottle:WindowMinutes"] = "60",
        });
        using var client = throttled.CreateClient();

        async Task<HttpResponseMessage> SignUpFrom(string ip, string email)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signup")
            {
                Content = Json(new Dictionary<string, object?> { ["name"] = "N", ["email"] = email, ["password"] = Password, ["confirm_password"] = Password }),
            };
            request.Headers.Add(TestRemoteIpStartupFilter.Header, ip);
            return await client.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await SignUpFrom("203.0.113.7", $"n{i}@example.com");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var refused = await SignUpFrom("203.0.113.7", "n3@example.com");
        var json = await ReadObjectAsync(refused);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email = 'n3@example.com'"), Is.EqualTo(0L));

        using var elsewhere = await SignUpFrom("203.0.113.8", "n4@example.com");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another address is not affected");
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
        Assert.That(errors["password"]![0]!.GetValue<string>(), Does.Contain("12 characters"));
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
    public async Task A_password_of_exactly_12_characters_is_accepted()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = "A", ["email"] = "twelve@example.com", ["password"] = "kx7-vq2-mh9w", ["confirm_password"] = "kx7-vq2-mh9w" },
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
