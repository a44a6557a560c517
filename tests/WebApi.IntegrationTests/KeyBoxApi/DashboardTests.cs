using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi;

public sealed class DashboardTests : KeyBoxApiTest
{
    [Test]
    public async Task The_dashboard_is_a_summary_shared_for_a_few_seconds_per_caller_scope_never_across_owners()
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["Summaries:CacheSeconds"] = "60" });
        using var anonymous = server.CreateClient();
        await SignUpAsync(anonymous, "one@example.com");
        await SignUpAsync(anonymous, "two@example.com");
        using var one = BearerClient(server, await LogInAsync(anonymous, "one@example.com"));
        using var two = BearerClient(server, await LogInAsync(anonymous, "two@example.com"));
        await CreateClientAsync(one, "First", "first@example.com");

        // Eight at once, then again: one answer for the scope, computed from the data as it was.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DataAsync(one, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK)));
        Assert.That(answers.Select(a => a["clientsCount"]!.GetValue<int>()), Is.All.EqualTo(1));
        await CreateClientAsync(one, "Second", "second@example.com");
        var cached = await DataAsync(one, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(cached["clientsCount"]!.GetValue<int>(), Is.EqualTo(1), "within the cache time the summary is the one computed before");

        // Another owner never gets it: their own scope, their own (empty) summary.
        var other = await DataAsync(two, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(other["clientsCount"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(other["clients"]!.AsArray(), Is.Empty);

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        var fresh = await DataAsync(one, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(fresh["clientsCount"]!.GetValue<int>(), Is.EqualTo(2), "after the cache time the summary is computed again");
    }

    [Test]
    public async Task The_dashboard_counts_the_callers_licensing_and_nests_clients_projects_and_licenses()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        var acme = Id(await CreateClientAsync(dev, "Acme", "acme@example.com"));
        var globex = Id(await CreateClientAsync(dev, "Globex", "globex@example.com"));
        var editor = await CreateProjectAsync(dev, "Editor", acme, duration: 1);
        var editorId = Id(editor["project"]);
        var pendingKey = editor["license"]!["key"]!.GetValue<string>();
        var activeKey = (await CreateKeyBoxLicenseAsync(dev, acme, editorId, 12))["key"]!.GetValue<string>();
        var expiringKey = (await CreateKeyBoxLicenseAsync(dev, globex, editorId, 1))["key"]!.GetValue<string>();
        var viewerId = Id((await CreateProjectAsync(dev, "Viewer", globex))["project"]);
        var revokedKey = (await CreateKeyBoxLicenseAsync(dev, globex, viewerId, 12))["key"]!.GetValue<string>();
        await CreateProjectAsync(dev, "Unassigned");

        await ActivateAsync(expiringKey, "m-exp", "i");
        Server.Clock.Advance(TimeSpan.FromDays(40));
        using var later = BearerClient(Server, await LogInAsync("dev@example.com"));
        await ActivateAsync(activeKey, "m-active", "i");
        await SendAsync(later, HttpMethod.Patch, $"/license/revoke/{revokedKey}", null, HttpStatusCode.OK);
        await ValidateAsync(activeKey, "m-active", "i");

        var dashboard = await DataAsync(later, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);

        AssertKeys(dashboard, "clientsCount", "projectsCount", "licensesCount", "licensesByStatus", "activeActivations", "validationsLast24h", "clients", "truncated");
        JsonAssert.IsBoolean(dashboard["truncated"], false, "truncated");
        Assert.That(dashboard["clientsCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(dashboard["projectsCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(dashboard["licensesCount"]!.GetValue<int>(), Is.EqualTo(4));
        var byStatus = dashboard["licensesByStatus"]!.AsObject();
        AssertKeys(byStatus, "pending", "active", "expired", "revoked");
        Assert.That(byStatus.ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()),
            Is.EqualTo(new Dictionary<string, int> { ["pending"] = 1, ["active"] = 1, ["expired"] = 1, ["revoked"] = 1 }));
        Assert.That(dashboard["activeActivations"]!.GetValue<int>(), Is.EqualTo(2), "an expired license's activation still holds its seat");

        var clients = dashboard["clients"]!.AsArray();
        Assert.That(clients.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Acme", "Globex" }));
        AssertKeys(clients[0]!.AsObject(), "id", "name", "email", "createdAt", "projects");
        var acmeProjects = clients[0]!["projects"]!.AsArray();
        Assert.That(acmeProjects.Select(p => Id(p)), Is.EqualTo(new[] { editorId }));
        AssertKeys(acmeProjects[0]!.AsObject(), "id", "name", "clientId", "createdAt", "referenceId", "licenses");
        Assert.That(Keys(acmeProjects[0]!), Is.EquivalentTo(new[] { pendingKey, activeKey }));
        var globexProjects = clients[1]!["projects"]!.AsArray();
        Assert.That(globexProjects.Select(p => p!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Editor", "Viewer" }),
            "a client's projects: those made for it and those it holds licenses for");
        Assert.That(Keys(globexProjects.Single(p => Id(p) == editorId)!), Is.EqualTo(new[] { expiringKey }));
        Assert.That(Keys(globexProjects.Single(p => Id(p) == viewerId)!), Is.EqualTo(new[] { revokedKey }));

        var validations = await EventuallyAsync(async () =>
            (await DataAsync(later, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK))["validationsLast24h"]!.GetValue<int>(), v => v >= 1);
        Assert.That(validations, Is.EqualTo(1), "only the activation validated in the last 24 hours (the other was activated 40 days ago)");

        var forGlobex = await DataAsync(later, HttpMethod.Get, $"/dashboard?clientId={globex}", null, HttpStatusCode.OK);
        Assert.That(forGlobex["clientsCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(forGlobex["projectsCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(forGlobex["licensesCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(forGlobex["activeActivations"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(forGlobex["validationsLast24h"]!.GetValue<int>(), Is.EqualTo(0));
        await SendAsync(later, HttpMethod.Get, $"/dashboard?clientId={Guid.NewGuid()}", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_dashboard_runs_the_same_few_queries_for_30_clients_as_for_3()
    {
        using var dev = await DeveloperClientAsync("dev@example.com");
        await SeedAsync(dev, 0, 3);
        var (small, smallQueries) = await DashboardWithQueryCountAsync(dev);
        await SeedAsync(dev, 3, 30);
        var (large, largeQueries) = await DashboardWithQueryCountAsync(dev);

        Assert.That(small["clientsCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(large["clientsCount"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(large["projectsCount"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(large["licensesCount"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(large["clients"]!.AsArray().All(c => c!["projects"]!.AsArray().Count == 1 && c["projects"]![0]!["licenses"]!.AsArray().Count == 1), Is.True);
        Assert.That(largeQueries, Is.EqualTo(smallQueries), "no query per client, project or license");
        // customers, products count, the license status aggregate, the seat aggregate, the nested licenses, the nested products.
        Assert.That(largeQueries, Is.InRange(1, 6));
    }

    private static async Task SeedAsync(HttpClient dev, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var client = await CreateClientAsync(dev, $"Client {i}", $"client{i}@example.com");
            await CreateProjectAsync(dev, $"Project {i}", Id(client), duration: 1 + (i % 12));
        }
    }

    /// <summary>Counts the SELECTs on the licensing tables that EF Core runs while the dashboard request is served.</summary>
    private static async Task<(JsonObject Dashboard, int Queries)> DashboardWithQueryCountAsync(HttpClient dev)
    {
        using var counter = new SelectCounter();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(counter);
        // Database sessions are pooled, and EF Core re-checks whether diagnostics are listened to at most once per
        // LoggingCacheTime (1 s) per session: wait that long so that the sessions serving the request see the counter.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var dashboard = await DataAsync(dev, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        return (dashboard, counter.Count);
    }

    private static IEnumerable<string> Keys(JsonNode project) => project["licenses"]!.AsArray().Select(l => l!["key"]!.GetValue<string>());

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    private sealed class SelectCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly string[] Tables = ["customers", "products", "licenses", "activations"];
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
                && data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && Tables.Any(t => data.Command.CommandText.Contains($" {t} ", StringComparison.Ordinal) || data.Command.CommandText.Contains($"\"{t}\"", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
