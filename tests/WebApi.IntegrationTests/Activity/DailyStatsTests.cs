using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.Infrastructure.Services;
using KeyBox.WebApi.IntegrationTests.Accounts;
using KeyBox.WebApi.IntegrationTests.Testing;
using KeyBox.WebApi.IntegrationTests.Updates;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Activity;

/// <summary>GET /api/internal/stats/daily: counts kept in memory, added to the database in batches.</summary>
public sealed class DailyStatsTests : AccountsTest
{
    private const string Shop = "https://shop.example.com/";

    private static UsageCounter Counter => Server.Services.GetRequiredService<UsageCounter>();

    [SetUp]
    public async Task ForgetOtherTestsCountsAsync()
    {
        // Counts of earlier tests' (deleted) products may still be in memory: write them now, then clear the table.
        await Counter.FlushAsync(CancellationToken.None);
        await ExecuteSqlAsync("DELETE FROM daily_usage");
    }

    private static async Task<JsonArray> DaysAsync(HttpClient client, string query)
    {
        var json = await SendAsync(client, HttpMethod.Get, "/api/internal/stats/daily" + query, null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["status"], true, "status");
        return json["data"]!.AsArray();
    }

    [Test]
    public async Task Verifications_activations_deactivations_and_downloads_are_counted_per_day_and_flushed_in_batches()
    {
        await CreateProductAsync("STAT-1");
        await CreateVersionAsync("STAT-1", "v1.0.0", "1.0.0");
        await UpdateFiles.UploadAsync(Internal, "STAT-1", "v1.0.0", "main", UpdateFiles.Bytes(1000, 7));
        await CreateLicenseAsync("STAT-1", new { license_code = "STATS-0001", parallel_uses = 2 });
        using var client = ClientAt(Shop);

        var token = (await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "STAT-1", license_code = "STATS-0001" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "STAT-1", license_data = token }, HttpStatusCode.OK);
        }

        Assert.That(await ScalarAsync("SELECT count(*) FROM daily_usage"), Is.Zero, "no database write per verify: the counts wait in memory");
        await Counter.FlushAsync(CancellationToken.None);
        Assert.That(await ScalarAsync("SELECT count(*) FROM daily_usage"), Is.EqualTo(2), "one row per product, day and kind");

        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "STAT-1", license_data = token }, HttpStatusCode.OK);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "STAT-1", license_data = token }, HttpStatusCode.OK);
        // A refused verify is not a verification.
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "STAT-1", license_data = token }, HttpStatusCode.NotFound);
        for (var i = 0; i < 2; i++)
        {
            using var download = await External.PostAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "STAT-1" }));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Counter.FlushAsync(CancellationToken.None);

        var days = await DaysAsync(Internal, "?product_reference_id=STAT-1");
        Assert.That(days, Has.Count.EqualTo(30), "the last 30 days by default, every day listed");
        var today = days[^1]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(today["date"]!.GetValue<string>(), Is.EqualTo(Server.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd")));
            Assert.That(today["verifications"]!.GetValue<long>(), Is.EqualTo(4), "added to the first batch's row");
            Assert.That(today["activations"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(today["deactivations"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(today["downloads"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(today["verifications"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(days[0]!["verifications"]!.GetValue<long>(), Is.Zero);
        });

        var all = await DaysAsync(Internal, "");
        Assert.That(all[^1]!["verifications"]!.GetValue<long>(), Is.EqualTo(4), "every product of the caller");
        var week = await DaysAsync(Internal, $"?from={Server.Clock.GetUtcNow().UtcDateTime.AddDays(-6):yyyy-MM-dd}&to={Server.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}");
        Assert.That(week, Has.Count.EqualTo(7));
    }

    [Test]
    public async Task A_developer_counts_only_their_own_products()
    {
        await CreateProductAsync("ADMIN-P");
        await CreateLicenseAsync("ADMIN-P", new { license_code = "ADMIN-LIC-01" });
        using var client = ClientAt(Shop);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "ADMIN-P", license_code = "ADMIN-LIC-01" }, HttpStatusCode.OK);
        await Counter.FlushAsync(CancellationToken.None);

        using var developer = await DeveloperClientAsync("dev-stats@example.com");
        var mine = await DaysAsync(developer, "");
        Assert.That(mine.Sum(d => d!["activations"]!.GetValue<long>()), Is.Zero, "not the admin's activations");
        var other = await SendAsync(developer, HttpMethod.Get, "/api/internal/stats/daily?product_reference_id=ADMIN-P", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(other["status"], false, "status");
        Assert.That((await DaysAsync(Internal, ""))[^1]!["activations"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [TestCase("from=2026-13-01", "from")]
    [TestCase("to=31-01-2026", "to")]
    [TestCase("from=2026-03-02&to=2026-03-01", "to")]
    [TestCase("from=2024-01-01&to=2026-01-01", "from")]
    public async Task Malformed_periods_are_refused_with_422_in_the_internal_envelope(string query, string field)
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/stats/daily?" + query, null, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]!.AsObject().ContainsKey(field), Is.True, json.ToJsonString());
    }
}
