using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

public sealed class ActivationConcurrencyTests : IntegrationTest
{
    [Test]
    public async Task Parallel_activations_through_two_servers_never_exceed_the_seats()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "RACE-00001", parallel_uses = 3 });
        await using var second = new KeyBoxFactory();
        _ = second.Server;

        var servers = new[] { Server, second };
        var clients = Enumerable.Range(0, 60)
            .Select(i => ClientAt($"https://site{i}.example", server: servers[i % 2]))
            .ToList();
        using var start = new ManualResetEventSlim(false);
        var attempts = clients.Select(async client =>
        {
            await Task.Yield();
            start.Wait();
            using var response = await client.PostAsync("/api/external/license/activate", Json(new { product_id = "P", license_code = "RACE-00001" }));
            return response.StatusCode;
        }).ToList();
        start.Set();
        var statuses = await Task.WhenAll(attempts);
        clients.ForEach(c => c.Dispose());

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(3), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(57));
        var view = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(view["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_reactivations_of_one_place_take_one_seat()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "RACE-00002", parallel_uses = 2 });
        var attempts = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = ClientAt("https://same.example");
            using var response = await client.PostAsync("/api/external/license/activate", Json(new { license_code = "RACE-00002" }));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        var view = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(view["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1));
    }
}
