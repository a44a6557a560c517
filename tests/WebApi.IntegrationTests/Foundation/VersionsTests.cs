using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class VersionsTests : IntegrationTest
{
    [Test]
    public async Task Create_get_and_update_a_version()
    {
        await CreateProductAsync("PROD-001");
        var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products/PROD-001/versions", new
        {
            version_id = "v1.2.0",
            version = "1.2.0",
            summary = "New features release",
            changelog = "<ul><li>Feature A</li></ul>",
            released_at = "2024-01-15",
            is_active = true,
        }, HttpStatusCode.Created);
        var data = created["data"]!.AsObject();
        Assert.That(data["version_id"]!.GetValue<string>(), Is.EqualTo("v1.2.0"));
        Assert.That(data["released_at"]!.GetValue<string>(), Does.StartWith("2024-01-15T00:00:00"));
        JsonAssert.IsBoolean(data["has_sql"], false, "has_sql");
        Assert.That(data["main_file"]!, Is.Null);

        var updated = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products/PROD-001/versions/v1.2.0", new { summary = "Changed", is_active = false }, HttpStatusCode.OK);
        Assert.That(updated["data"]!["summary"]!.GetValue<string>(), Is.EqualTo("Changed"));
        JsonAssert.IsBoolean(updated["data"]!["is_active"], false, "is_active");
        Assert.That(updated["data"]!["version"]!.GetValue<string>(), Is.EqualTo("1.2.0"));

        var fetched = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/PROD-001/versions/v1.2.0", null, HttpStatusCode.OK);
        Assert.That(fetched["data"]!["summary"]!.GetValue<string>(), Is.EqualTo("Changed"));
    }

    [Test]
    public async Task Duplicate_version_id_is_409_but_the_same_id_in_another_product_is_fine()
    {
        await CreateProductAsync("A");
        await CreateProductAsync("B");
        await CreateVersionAsync("A", "v1.0.0", "1.0.0");
        await CreateVersionAsync("B", "v1.0.0", "1.0.0");
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/products/A/versions", new { version_id = "v1.0.0", version = "1.0.0" }, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Versions_are_listed_by_semantic_version_newest_first()
    {
        await CreateProductAsync("SV");
        foreach (var (id, version) in new[] { ("a", "1.10.0"), ("b", "1.2.0"), ("c", "v2.0.0-beta.1"), ("d", "2.0.0"), ("e", "1.9") })
        {
            await CreateVersionAsync("SV", id, version);
        }

        var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/SV/versions", null, HttpStatusCode.OK);
        Assert.That(list["data"]!.AsArray().Select(v => v!["version_id"]!.GetValue<string>()), Is.EqualTo(new[] { "d", "c", "a", "e", "b" }));
    }

    [Test]
    public async Task Non_semantic_version_is_422_and_unknown_product_is_404()
    {
        await CreateProductAsync("X");
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products/X/versions", new { version_id = "v-bad", version = "banana" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("version"));
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/NOPE/versions", null, HttpStatusCode.NotFound);
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/X/versions/nope", null, HttpStatusCode.NotFound);
    }
}
