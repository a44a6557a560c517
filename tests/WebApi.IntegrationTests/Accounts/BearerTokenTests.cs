using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

public sealed class BearerTokenTests : AccountsTest
{
    [Test]
    public async Task Without_a_token_root_routes_are_401_in_the_KeyBox_envelope()
    {
        using var response = await Anonymous.GetAsync("/auth/me");
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "message", "error" }));
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("Bearer"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task An_API_key_is_not_accepted_on_root_routes()
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(json["success"], false, "success");
    }

    [Test]
    public async Task A_token_is_accepted_until_it_expires_after_30_minutes_by_the_server_clock()
    {
        await SignUpAsync("dev@example.com");
        using var client = BearerClient(Server, await LogInAsync("dev@example.com"));

        Server.Clock.Advance(TimeSpan.FromMinutes(29));
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);

        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        var json = await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("expired"));
    }

    [Test]
    public async Task A_tampered_token_is_401()
    {
        await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["role"] = "ADMIN";
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        using var client = BearerClient(Server, forged);
        var json = await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("invalid"));

        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        using var other = BearerClient(Server, flipped);
        await SendAsync(other, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var account = await SignUpAsync("dev@example.com");
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "keybox",
            Audience = "keybox",
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = account["id"]!.GetValue<string>(), ["role"] = "ADMIN" },
        });

        using var client = BearerClient(Server, forged);
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        var internalJson = await SendAsync(client, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(internalJson["status"], false, "status");
    }

    [Test]
    public async Task An_unsigned_token_is_401()
    {
        var account = await SignUpAsync("dev@example.com");
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "keybox",
            Audience = "keybox",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = account["id"]!.GetValue<string>(), ["role"] = "ADMIN" },
        });

        using var client = BearerClient(Server, unsigned);
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Every_process_on_the_database_accepts_the_others_tokens_with_the_generated_key()
    {
        await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");

        await using var otherProcess = new KeyBoxFactory();
        using var client = BearerClient(otherProcess, token);
        var json = await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);
        Assert.That(json["data"]!["email"]!.GetValue<string>(), Is.EqualTo("dev@example.com"));
    }

    [Test]
    public async Task A_configured_signing_key_is_used_instead_of_the_generated_one()
    {
        await SignUpAsync("dev@example.com");
        var generatedKeyToken = await LogInAsync("dev@example.com");

        await using var configured = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:JwtSigningKey"] = "a-configured-signing-key-of-at-least-32-bytes" });
        using var anonymous = configured.CreateClient();
        using (var stranger = BearerClient(configured, generatedKeyToken))
        {
            await SendAsync(stranger, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        }

        using var client = BearerClient(configured, await LogInAsync(anonymous, "dev@example.com"));
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);
    }

    [Test]
    public void A_configured_signing_key_shorter_than_32_bytes_stops_the_server_starting()
    {
        using var weak = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:JwtSigningKey"] = "too-short" });
        var error = Assert.Catch(() => weak.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("Auth:JwtSigningKey"));
    }

    [Test]
    public async Task The_token_lifetime_issuer_and_audience_are_configurable()
    {
        await SignUpAsync("dev@example.com");
        await using var custom = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["Auth:TokenLifetimeMinutes"] = "5",
            ["Auth:Issuer"] = "https://licenses.example",
            ["Auth:Audience"] = "example-admins",
        });
        using var anonymous = custom.CreateClient();
        var json = await LogInExpectingAsync(anonymous, "dev@example.com", Password, HttpStatusCode.OK);
        var token = json["data"]!["token"]!.GetValue<string>();
        var jwt = new JsonWebToken(token);
        Assert.That(jwt.Issuer, Is.EqualTo("https://licenses.example"));
        Assert.That(jwt.Audiences, Is.EquivalentTo(new[] { "example-admins" }));
        Assert.That(jwt.ValidTo - jwt.ValidFrom, Is.EqualTo(TimeSpan.FromMinutes(5)));

        using var client = BearerClient(custom, token);
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);
        using var elsewhere = BearerClient(Server, token); // the default issuer/audience refuse it
        await SendAsync(elsewhere, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_token_carries_sub_and_role_as_plain_claims()
    {
        var account = await SignUpAsync("dev@example.com");
        var jwt = new JsonWebToken(await LogInAsync("dev@example.com"));
        Assert.That(jwt.Subject, Is.EqualTo(account["id"]!.GetValue<string>()));
        Assert.That(jwt.GetClaim("role").Value, Is.EqualTo("DEVELOPER"));
        Assert.That(jwt.Alg, Is.EqualTo("HS256"));
    }

    [Test]
    public async Task Internal_API_accepts_a_bearer_token()
    {
        using var developer = await DeveloperClientAsync("dev@example.com");
        var json = await SendAsync(developer, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["status"], true, "status");
    }

    [Test]
    public async Task Internal_API_with_an_invalid_bearer_token_is_401_in_the_internal_envelope()
    {
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        var json = await SendAsync(client, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Unauthorized);
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "status", "message" }));
        JsonAssert.IsBoolean(json["status"], false, "status");
    }

    [Test]
    public async Task External_API_does_not_accept_a_bearer_token()
    {
        using var developer = await DeveloperClientAsync("dev@example.com");
        var json = await SendAsync(developer, HttpMethod.Get, "/api/external/connection-check", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
    }

    [Test]
    public async Task An_external_key_on_internal_routes_stays_403_and_no_credentials_401()
    {
        var forbidden = await SendAsync(External, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(forbidden["status"], false, "status");
        var missing = await SendAsync(Anonymous, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Unauthorized);
        Assert.That(missing["message"]!.GetValue<string>(), Does.Contain("API key"));
    }

    [Test]
    public async Task Tokens_of_a_deleted_account_stop_working()
    {
        await SignUpAsync("dev@example.com");
        using var client = BearerClient(Server, await LogInAsync("dev@example.com"));
        await ExecuteSqlAsync("DELETE FROM users WHERE email = 'dev@example.com'");
        var json = await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(json["success"], false, "success");
    }
}
