using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>Helpers for tests of accounts and bearer tokens.</summary>
public abstract class AccountsTest : IntegrationTest
{
    protected const string Password = "correct-horse-battery";

    protected static async Task<JsonObject> SignUpAsync(HttpClient client, string email, string name = "Dev", string password = Password)
    {
        var json = await SendAsync(client, HttpMethod.Post, "/auth/signup",
            new Dictionary<string, object?> { ["name"] = name, ["email"] = email, ["password"] = password, ["confirm_password"] = password },
            HttpStatusCode.Created);
        return json["data"]!.AsObject();
    }

    protected Task<JsonObject> SignUpAsync(string email, string name = "Dev") => SignUpAsync(Anonymous, email, name);

    protected static async Task<string> LogInAsync(HttpClient client, string email, string password = Password)
    {
        var json = await SendAsync(client, HttpMethod.Post, "/auth/login", new { email, password }, HttpStatusCode.OK);
        return json["data"]!["token"]!.GetValue<string>();
    }

    protected Task<string> LogInAsync(string email, string password = Password) => LogInAsync(Anonymous, email, password);

    /// <summary>Signs up, logs in, and returns a client sending the token.</summary>
    protected async Task<HttpClient> DeveloperClientAsync(string email)
    {
        await SignUpAsync(email);
        return BearerClient(Server, await LogInAsync(email));
    }

    protected static HttpClient BearerClient(KeyBoxFactory server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected static async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The test host's header naming the remote address a request appears to come from.</summary>
    protected const string TestRemoteIp = TestRemoteIpStartupFilter.Header;

    /// <summary>An anonymous client whose requests come from <paramref name="ip"/> (on the shared server unless told).</summary>
    protected static HttpClient ClientFrom(string ip, KeyBoxFactory? server = null)
    {
        var client = (server ?? Server).CreateClient();
        client.DefaultRequestHeaders.Add(TestRemoteIp, ip);
        return client;
    }

    protected static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static Task<JsonObject> LogInExpectingAsync(HttpClient client, string email, string password, HttpStatusCode expected) =>
        SendAsync(client, HttpMethod.Post, "/auth/login", new { email, password }, expected);
}
