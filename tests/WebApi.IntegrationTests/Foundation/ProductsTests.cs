using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class ProductsTests : IntegrationTest
{
    [Test]
    public async Task Create_returns_201_with_the_flat_product_in_snake_case()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", new
        {
            name = "My Product",
            reference_id = "MY-PROD-001",
            envato_id = "12345678",
            description = "Product description",
            license_update = true,
            serve_latest_updates = true,
            is_active = true,
        }, HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["status"], true, "status");
        var data = json["data"]!.AsObject();
        JsonAssert.IsString(data["id"], "id");
        Assert.That(data["reference_id"]!.GetValue<string>(), Is.EqualTo("MY-PROD-001"));
        Assert.That(data["envato_id"]!.GetValue<string>(), Is.EqualTo("12345678"));
        JsonAssert.IsBoolean(data["license_update"], true, "license_update");
        JsonAssert.IsBoolean(data["serve_latest_updates"], true, "serve_latest_updates");
        JsonAssert.IsBoolean(data["is_active"], true, "is_active");
        Assert.That(data["created_at"]!.GetValue<string>(), Does.EndWith("Z"));
    }

    [Test]
    public async Task Duplicate_reference_id_is_422_as_any_invalid_reference()
    {
        await CreateProductAsync("DUP-1");
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", new { name = "Again", reference_id = "DUP-1" }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]!["reference_id"], Is.Not.Null);
    }

    [Test]
    public async Task Get_update_and_list()
    {
        await CreateProductAsync("P-1");
        await CreateProductAsync("P-2");

        var updated = await SendAsync(Internal, HttpMethod.Put, "/api/internal/products/P-1", new { name = "Renamed", serve_latest_updates = true }, HttpStatusCode.OK);
        Assert.That(updated["data"]!["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
        JsonAssert.IsBoolean(updated["data"]!["serve_latest_updates"], true, "serve_latest_updates");

        var fetched = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/P-1", null, HttpStatusCode.OK);
        Assert.That(fetched["data"]!["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));

        var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.OK);
        Assert.That(list["data"]!.AsArray().Select(p => p!["reference_id"]!.GetValue<string>()), Is.EqualTo(new[] { "P-1", "P-2" }));
        Assert.That(list["meta"]!["per_page"]!.GetValue<int>(), Is.EqualTo(15));
    }

    [Test]
    public async Task Listing_pages_with_a_cursor_until_the_end()
    {
        for (var i = 1; i <= 5; i++)
        {
            await CreateProductAsync($"PG-{i}");
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/internal/products?per_page=2" + (cursor is null ? string.Empty : "&cursor=" + cursor);
            var page = await SendAsync(Internal, HttpMethod.Get, url, null, HttpStatusCode.OK);
            seen.AddRange(page["data"]!.AsArray().Select(p => p!["reference_id"]!.GetValue<string>()));
            cursor = page["meta"]!["next_cursor"]?.GetValue<string>();
            Assert.That(page["meta"]!["has_more"]!.GetValue<bool>(), Is.EqualTo(cursor is not null));
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(new[] { "PG-1", "PG-2", "PG-3", "PG-4", "PG-5" }));

        var second = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products?per_page=2&page=2", null, HttpStatusCode.OK);
        Assert.That(second["data"]!.AsArray().Select(p => p!["reference_id"]!.GetValue<string>()), Is.EqualTo(new[] { "PG-3", "PG-4" }));
    }

    [Test]
    public async Task Invalid_cursor_is_422()
    {
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products?cursor=!!!", null, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Activate_and_deactivate_a_product()
    {
        await CreateProductAsync("ACT-1");
        var off = await SendAsync(Internal, HttpMethod.Delete, "/api/internal/activated-products/ACT-1", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(off["data"]!["is_active"], false, "is_active");
        var on = await SendAsync(Internal, HttpMethod.Post, "/api/internal/activated-products/ACT-1", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(on["data"]!["is_active"], true, "is_active");
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/activated-products/NOPE", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Invalid_reference_id_is_422()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", new { name = "x", reference_id = "has spaces" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("reference_id"));
    }
}
