using System.Net;
using System.Text.RegularExpressions;
using KeyBox.WebApi.Http.Security;
using KeyBox.WebApi.IntegrationTests.Testing;
using KeyBox.WebUI.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>
/// How the console is hosted beside the API, over plain HTTP: where it lives, that its cookie and the API's credentials
/// never cross, and that its forms refuse a post without their antiforgery token.
/// </summary>
public sealed partial class ConsoleHostingTests : IntegrationTest
{
    [Test]
    public async Task The_root_redirects_to_the_console()
    {
        using var client = NoRedirects();
        using var response = await client.GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/admin"));
    }

    [Test]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page()
    {
        using var client = NoRedirects();
        using var response = await client.GetAsync("/admin/products");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.PathAndQuery, Is.EqualTo("/admin/login?ReturnUrl=%2Fadmin%2Fproducts"));

        using var login = await client.GetAsync("/admin/login");
        var html = await login.Content.ReadAsStringAsync();
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Match("<input[^>]*type=\"email\"").And.Match("<input[^>]*type=\"password\""));
        Assert.That(html, Does.Contain("<base href=\"/admin/\""));
    }

    [Test]
    public async Task The_console_does_not_accept_API_keys_nor_bearer_tokens()
    {
        var token = (await SendAsync(Anonymous, HttpMethod.Post, "/auth/login",
            new { email = KeyBoxFactory.AdminEmail, password = KeyBoxFactory.AdminPassword }, HttpStatusCode.OK))["data"]!["token"]!.GetValue<string>();
        using var client = NoRedirects();

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/admin/products");
        withKey.Headers.Add("X-API-KEY", KeyBoxFactory.InternalKey);
        using var keyResponse = await client.SendAsync(withKey);
        Assert.That(keyResponse.Headers.Location?.AbsolutePath, Is.EqualTo("/admin/login"), "an internal API key is no console session");

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/admin/products");
        withToken.Headers.Authorization = new("Bearer", token);
        using var tokenResponse = await client.SendAsync(withToken);
        Assert.That(tokenResponse.Headers.Location?.AbsolutePath, Is.EqualTo("/admin/login"), "a bearer token is no console session");
    }

    [Test]
    public async Task A_console_login_sets_a_strict_http_only_cookie_that_the_API_does_not_accept()
    {
        using var client = NoRedirects();
        var cookie = await LogInThroughTheFormAsync(client, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        Assert.That(cookie, Does.StartWith(ConsoleAuthentication.CookieName + "="));
        Assert.That(cookie, Does.Contain("path=/admin").IgnoreCase);
        Assert.That(cookie, Does.Contain("samesite=strict").IgnoreCase);
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase);

        using var dashboard = await client.GetAsync("/admin");
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cookie opens the console");

        // The same cookie, sent to the API on purpose (a browser would not: its path is /admin), opens nothing.
        var value = cookie.Split(';')[0];
        foreach (var url in new[] { "/api/internal/products", "/dashboard" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", value);
            using var response = await Server.CreateClient().SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), url);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), url);
        }
    }

    [Test]
    public async Task A_console_session_ends_when_the_account_logs_out_elsewhere()
    {
        using var client = NoRedirects();
        await LogInThroughTheFormAsync(client, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        using (var before = await client.GetAsync("/admin"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session is open");
        }

        // The same account logs out through the API: its security stamp changes, which ends every session it has.
        using var api = Server.CreateClient();
        var login = await SendAsync(api, HttpMethod.Post, "/auth/login",
            new { email = KeyBoxFactory.AdminEmail, password = KeyBoxFactory.AdminPassword }, HttpStatusCode.OK);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login["data"]!["token"]!.GetValue<string>());
        using (var logout = await api.PostAsync("/auth/logout", null))
        {
            Assert.That(logout.IsSuccessStatusCode, Is.True, "logged out through the API");
        }

        using var after = await client.GetAsync("/admin");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the console session was refused");
        Assert.That(after.Headers.Location?.PathAndQuery, Does.StartWith("/admin/login"));
    }

    [Test]
    public async Task Login_and_logout_posts_without_an_antiforgery_token_are_refused()
    {
        using var client = NoRedirects();
        using var login = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = KeyBoxFactory.AdminEmail,
            ["Input.Password"] = KeyBoxFactory.AdminPassword,
        }));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(login.Headers.Contains("Set-Cookie") && login.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(ConsoleAuthentication.CookieName, StringComparison.Ordinal)),
            Is.False, "no session");

        await LogInThroughTheFormAsync(client, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        using var logout = await client.PostAsync("/admin/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var still = await client.GetAsync("/admin");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session was not ended by a forged logout");
    }

    [Test]
    public void The_console_claims_are_the_ones_the_actor_reads()
    {
        Assert.That(ConsoleClaims.Subject, Is.EqualTo(KeyBoxClaims.Subject));
        Assert.That(ConsoleClaims.Role, Is.EqualTo(KeyBoxClaims.Role));
        Assert.That(ConsoleClaims.AdminRole, Is.EqualTo(KeyBoxClaims.AdminRole));
        Assert.That(ConsoleClaims.DeveloperRole, Is.EqualTo(KeyBoxClaims.DeveloperRole));
    }

    [Test]
    public async Task The_OpenAPI_document_has_no_console_route()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        var document = await response.Content.ReadAsStringAsync();
        Assert.That(document, Does.Not.Contain("\"/admin").And.Not.Contain("\"/\":"));
    }

    private static HttpClient NoRedirects() =>
        Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form as a browser does (with the antiforgery token it was given); returns the session cookie.</summary>
    private static async Task<string> LogInThroughTheFormAsync(HttpClient client, string email, string password)
    {
        var html = await client.GetStringAsync("/admin/login");
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the login form carries an antiforgery token");
        using var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo("/admin/"));
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleAuthentication.CookieName, StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
