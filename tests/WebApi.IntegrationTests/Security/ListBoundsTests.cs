using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.KeyBoxApi;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Security;

/// <summary>Issue 14 items 5 and 8: every list is bounded, and no page number overflows into a 500.</summary>
public sealed class ListBoundsTests : KeyBoxApiTest
{
    [TestCase("/api/internal/product-licenses?page=21474837&per_page=100&search=38")]
    [TestCase("/api/internal/product-licenses?page=21474837&per_page=100")]
    [TestCase("/api/internal/product-licenses?page=2147483647&per_page=100&customer_id=C")]
    [TestCase("/api/internal/product-licenses?page=0")]
    [TestCase("/api/internal/product-licenses?page=-3&search=x")]
    [TestCase("/api/internal/products?page=2147483647&per_page=100")]
    [TestCase("/api/internal/products?page=-1")]
    [TestCase("/api/internal/api-keys?page=2147483647&per_page=100")]
    [TestCase("/api/internal/webhooks?page=2147483647&per_page=100")]
    [TestCase("/api/internal/product-licenses?per_page=99999999999")]
    public async Task A_page_out_of_range_on_the_internal_api_is_422_in_its_envelope(string url)
    {
        var json = await SendAsync(Internal, HttpMethod.Get, url, null, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]?.AsObject(), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task A_deep_page_within_range_is_an_empty_page()
    {
        await CreateProductAsync("P");
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?page=1000000&per_page=100", null, HttpStatusCode.OK);
        Assert.That(json["data"]!.AsArray(), Is.Empty);
        JsonAssert.IsBoolean(json["meta"]!["has_more"], false, "has_more");
    }

    [TestCase("/clients?page=0")]
    [TestCase("/projects?page=2147483647&perPage=1000")]
    [TestCase("/license?page=21474837")]
    [TestCase("/license?page=-1&perPage=5")]
    public async Task A_page_out_of_range_on_the_keybox_api_is_400_in_its_envelope(string url)
    {
        using var developer = await DeveloperClientAsync("dev@example.com");
        var json = await SendAsync(developer, HttpMethod.Get, url, null, HttpStatusCode.BadRequest);
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("VALIDATION_FAILED"));
    }

    [Test]
    public async Task KeyBox_lists_keep_their_array_but_stop_at_the_cap_and_say_that_more_exist()
    {
        await using var capped = new KeyBoxFactory(new Dictionary<string, string?> { ["Lists:MaxItems"] = "3" });
        await SignUpAsync("dev@example.com");
        using var developer = BearerClient(capped, await LogInAsync("dev@example.com"));
        for (var i = 0; i < 5; i++)
        {
            var (_, _, _) = await SetUpLicenseAsync(developer, $"Project {i}", email: $"client{i}@example.com");
        }

        foreach (var path in new[] { "/clients", "/projects", "/license" })
        {
            using var response = await developer.GetAsync(path);
            var json = await ReadObjectAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(json["data"]!.AsArray(), Has.Count.EqualTo(3), $"{path}: no more than Lists:MaxItems without paging parameters");
            JsonAssert.IsBoolean(json["meta"]!["hasMore"], true, "meta.hasMore");
            var cursor = json["meta"]!["nextCursor"]!.GetValue<string>();
            var link = response.Headers.GetValues("Link").Single();
            Assert.That(link, Does.StartWith($"<{path}?cursor=").And.EndWith(">; rel=\"next\""));

            var next = link[1..link.IndexOf('>')];
            var rest = await SendAsync(developer, HttpMethod.Get, next, null, HttpStatusCode.OK);
            Assert.That(rest["data"]!.AsArray(), Has.Count.EqualTo(2), $"{path}: the rest after {cursor}");
            JsonAssert.IsBoolean(rest["meta"]!["hasMore"], false, "meta.hasMore");

            var asked = await SendAsync(developer, HttpMethod.Get, $"{path}?perPage=1000", null, HttpStatusCode.OK);
            Assert.That(asked["data"]!.AsArray(), Has.Count.EqualTo(3), $"{path}: perPage beyond the cap is cut to it");
            var second = await SendAsync(developer, HttpMethod.Get, $"{path}?perPage=2&page=2", null, HttpStatusCode.OK);
            Assert.That(second["data"]!.AsArray(), Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Small_keybox_lists_answer_as_before_with_meta_saying_nothing_more()
    {
        using var developer = await DeveloperClientAsync("dev@example.com");
        await SetUpLicenseAsync(developer);
        using var response = await developer.GetAsync("/license");
        var json = await ReadObjectAsync(response);
        Assert.That(json["data"]!.AsArray(), Has.Count.EqualTo(1));
        JsonAssert.IsBoolean(json["meta"]!["hasMore"], false, "meta.hasMore");
        Assert.That(json["meta"]!["nextCursor"], Is.Null);
        Assert.That(response.Headers.Contains("Link"), Is.False);
    }

    [Test]
    public async Task The_dashboard_counts_everything_but_nests_at_most_the_cap()
    {
        await using var capped = new KeyBoxFactory(new Dictionary<string, string?> { ["Lists:MaxItems"] = "2" });
        await SignUpAsync("dev@example.com");
        using var developer = BearerClient(capped, await LogInAsync("dev@example.com"));
        for (var i = 0; i < 4; i++)
        {
            await SetUpLicenseAsync(developer, $"Project {i}", email: $"client{i}@example.com");
        }

        var data = await DataAsync(developer, HttpMethod.Get, "/dashboard", null, HttpStatusCode.OK);
        Assert.That(data["clientsCount"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(data["projectsCount"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(data["licensesCount"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(data["licensesByStatus"]!["pending"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(data["clients"]!.AsArray(), Has.Count.EqualTo(2));
        JsonAssert.IsBoolean(data["truncated"], true, "truncated");
        var nested = data["clients"]!.AsArray().SelectMany(c => c!["projects"]!.AsArray()).SelectMany(p => p!["licenses"]!.AsArray()).Count();
        Assert.That(nested, Is.EqualTo(2));

        var uncapped = await DataAsync(developer, HttpMethod.Get, "/dashboard?clientId=" + Id(data["clients"]![0]), null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(uncapped["truncated"], false, "truncated");
        Assert.That(uncapped["licensesCount"]!.GetValue<int>(), Is.EqualTo(1));
    }
}
