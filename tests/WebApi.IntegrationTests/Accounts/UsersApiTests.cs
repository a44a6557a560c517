using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary><c>/api/internal/users</c>: an ADMIN creates, lists, changes and deactivates accounts.</summary>
public sealed class UsersApiTests : AccountsTest
{
    private const string NewPassword = "a-long-enough-password";

    private async Task<JsonObject> CreateUserAsync(string email, string role = "DEVELOPER", HttpClient? client = null)
    {
        var json = await SendAsync(client ?? Internal, HttpMethod.Post, "/api/internal/users",
            new { email, name = "User " + email, role, password = NewPassword }, HttpStatusCode.Created);
        return json["data"]!.AsObject();
    }

    private async Task<string> BootstrapAdminIdAsync()
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/users?per_page=100", null, HttpStatusCode.OK);
        return json["data"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == KeyBoxFactory.AdminEmail)!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task An_admin_creates_an_account_that_can_log_in()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/users",
            new { email = " New.Admin@Example.com ", name = "New Admin", role = "ADMIN", password = NewPassword }, HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["status"], true, "status");
        var data = json["data"]!.AsObject();
        Assert.That(data.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "email", "name", "role", "is_active", "created_at" }));
        Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("new.admin@example.com"));
        Assert.That(data["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
        JsonAssert.IsBoolean(data["is_active"], true, "is_active");
        Assert.That(json.ToJsonString(), Does.Not.Contain("password").IgnoreCase);

        var login = await LogInExpectingAsync(Anonymous, "new.admin@example.com", NewPassword, HttpStatusCode.OK);
        Assert.That(login["data"]!["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
    }

    [Test]
    public async Task Invalid_accounts_are_422_naming_the_fields()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/users",
            new { email = "zero\u200Bwidth@example.com", name = "", role = "OWNER", password = "password1234" }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "email", "name", "role", "password" }));
    }

    [Test]
    public async Task A_taken_email_is_409_for_an_admin()
    {
        await CreateUserAsync("dup@example.com");
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/users",
            new { email = "DUP@example.com", name = "Again", role = "DEVELOPER", password = NewPassword }, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Accounts_are_listed_in_pages_and_read_one_by_one()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await CreateUserAsync($"u{i}@example.com"))["id"]!.GetValue<string>());
        }

        var first = await SendAsync(Internal, HttpMethod.Get, "/api/internal/users?per_page=2", null, HttpStatusCode.OK);
        Assert.That(first["data"]!.AsArray(), Has.Count.EqualTo(2));
        JsonAssert.IsBoolean(first["meta"]!["has_more"], true, "has_more");
        var cursor = first["meta"]!["next_cursor"]!.GetValue<string>();
        var second = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/users?per_page=2&cursor={Uri.EscapeDataString(cursor)}", null, HttpStatusCode.OK);
        Assert.That(second["data"]!.AsArray(), Has.Count.EqualTo(2), "4 accounts: the bootstrap admin and 3 created");
        JsonAssert.IsBoolean(second["meta"]!["has_more"], false, "has_more");

        var one = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/users/{created[1]}", null, HttpStatusCode.OK);
        Assert.That(one["data"]!["email"]!.GetValue<string>(), Is.EqualTo("u1@example.com"));
        await SendAsync(Internal, HttpMethod.Get, $"/api/internal/users/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_admin_renames_changes_the_role_and_deactivates_and_reactivates()
    {
        var id = (await CreateUserAsync("dev@example.com"))["id"]!.GetValue<string>();

        var updated = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{id}", new { name = "Renamed", role = "ADMIN" }, HttpStatusCode.OK);
        Assert.That(updated["data"]!["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
        Assert.That(updated["data"]!["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));

        var deactivated = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{id}", new { is_active = false }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(deactivated["data"]!["is_active"], false, "is_active");
        var refused = await LogInExpectingAsync(Anonymous, "dev@example.com", NewPassword, HttpStatusCode.Unauthorized);
        var wrong = await LogInExpectingAsync(Anonymous, "dev@example.com", "not-the-password", HttpStatusCode.Unauthorized);
        Assert.That(refused["message"]!.GetValue<string>(), Is.EqualTo(wrong["message"]!.GetValue<string>()), "a deactivated account looks like a wrong password");

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{id}", new { is_active = true }, HttpStatusCode.OK);
        await LogInExpectingAsync(Anonymous, "dev@example.com", NewPassword, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_new_password_set_by_an_admin_follows_the_policy_and_stops_old_tokens()
    {
        var id = (await CreateUserAsync("dev@example.com"))["id"]!.GetValue<string>();
        using var session = BearerClient(Server, await LogInAsync("dev@example.com", NewPassword));

        var weak = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{id}", new { password = "qwerty123456" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(weak["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "password" }));

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{id}", new { password = "an-entirely-new-secret" }, HttpStatusCode.OK);
        await SendAsync(session, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        await LogInAsync("dev@example.com", "an-entirely-new-secret");
    }

    [Test]
    public async Task The_last_active_admin_can_be_neither_deactivated_nor_demoted()
    {
        var adminId = await BootstrapAdminIdAsync();
        var deactivate = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{adminId}", new { is_active = false }, HttpStatusCode.Conflict);
        JsonAssert.IsBoolean(deactivate["status"], false, "status");
        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{adminId}", new { role = "DEVELOPER" }, HttpStatusCode.Conflict);

        await CreateUserAsync("second.admin@example.com", "ADMIN");
        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{adminId}", new { role = "DEVELOPER" }, HttpStatusCode.OK);
    }

    [Test]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        for (var round = 0; round < 3; round++)
        {
            await TestDatabase.ResetAsync();
            var adminId = await BootstrapAdminIdAsync();
            var x = (await CreateUserAsync("x@example.com", "ADMIN"))["id"]!.GetValue<string>();
            var y = (await CreateUserAsync("y@example.com", "ADMIN"))["id"]!.GetValue<string>();
            using var xClient = BearerClient(Server, await LogInAsync("x@example.com", NewPassword));
            using var yClient = BearerClient(Server, await LogInAsync("y@example.com", NewPassword));
            await SendAsync(xClient, HttpMethod.Put, $"/api/internal/users/{adminId}", new { role = "DEVELOPER" }, HttpStatusCode.OK);

            var outcomes = await Task.WhenAll(
                xClient.PutAsync($"/api/internal/users/{y}", Json(new { role = "DEVELOPER" })),
                yClient.PutAsync($"/api/internal/users/{x}", Json(new { role = "DEVELOPER" })));
            Assert.That(outcomes.Count(o => o.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), $"round {round}: exactly one demotion succeeds");
            Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE role = 'Admin' AND is_active"), Is.EqualTo(1L));
            foreach (var outcome in outcomes)
            {
                outcome.Dispose();
            }
        }
    }
}
