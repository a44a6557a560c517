using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

public sealed class InternalLicenseTests : IntegrationTest
{
    [Test]
    public async Task Create_with_the_reference_fields_returns_the_flat_license()
    {
        await CreateProductAsync("PROD-001");
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new
        {
            product_reference_id = "PROD-001",
            license_code = "LIC-ABC-123",
            type = "perpetual",
            customer_id = "CUST-001",
            email = "Customer@Example.com",
            parallel_uses = 3,
            expires_at = "2099-12-31",
            updates_until = "2099-06-30",
            domains = new[] { "example.com", "*.Example.com" },
            ips = new[] { "192.168.1.100", "10.1.2.3/8" },
            is_valid = true,
            is_envato = false,
        }, HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["status"], true, "status");
        var data = json["data"]!.AsObject();
        JsonAssert.IsString(data["id"], "id");
        Assert.That(data["license_code"]!.GetValue<string>(), Is.EqualTo("LIC-ABC-123"));
        Assert.That(data["product_reference_id"]!.GetValue<string>(), Is.EqualTo("PROD-001"));
        Assert.That(data["customer_id"]!.GetValue<string>(), Is.EqualTo("CUST-001"));
        Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("perpetual"));
        Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("customer@example.com"));
        Assert.That(data["parallel_uses"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(data["active_activations"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(data["expires_at"]!.GetValue<string>(), Does.StartWith("2099-12-31T00:00:00"));
        Assert.That(data["domains"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "example.com", "*.example.com" }));
        Assert.That(data["ips"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "192.168.1.100", "10.0.0.0/8" }));
        JsonAssert.IsBoolean(data["is_valid"], true, "is_valid");
        JsonAssert.IsBoolean(data["is_blocked"], false, "is_blocked");
        JsonAssert.IsBoolean(data["is_envato"], false, "is_envato");
    }

    [Test]
    public async Task Generated_codes_are_readable_unique_and_unguessable()
    {
        await CreateProductAsync("P");
        var codes = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var license = await CreateLicenseAsync("P");
            var code = license["license_code"]!.GetValue<string>();
            Assert.That(code, Does.Match("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$"));
            codes.Add(code);
        }

        Assert.That(codes, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Duplicate_license_code_is_422_as_any_invalid_code()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "SAME-CODE-1" });
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "P", license_code = "SAME-CODE-1" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!["license_code"], Is.Not.Null);
    }

    [Test]
    public async Task Invalid_domain_and_ip_patterns_are_422_naming_the_entry()
    {
        await CreateProductAsync("P");
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new
        {
            product_reference_id = "P",
            domains = new[] { "good.com", "*.*.com" },
            ips = new[] { "300.1.1.1" },
            parallel_uses = 0,
        }, HttpStatusCode.UnprocessableEntity);
        var keys = json["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.That(keys, Does.Contain("domains.1"));
        Assert.That(keys, Does.Contain("ips.0"));
        Assert.That(keys, Does.Contain("parallel_uses"));
    }

    [Test]
    public async Task Unknown_product_is_404_and_wrong_json_types_are_422()
    {
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "NOPE" }, HttpStatusCode.NotFound);
        await CreateProductAsync("P");
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses",
            RawJson("{\"product_reference_id\":\"P\",\"parallel_uses\":\"three\"}"), HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("parallel_uses"));
    }

    [Test]
    public async Task Customers_referenced_by_customer_id_are_created_once_and_linked()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { customer_id = "CUST-9", email = "nine@example.com" });
        await CreateLicenseAsync("P", new { customer_id = "CUST-9" });
        await CreateLicenseAsync("P", new { customer_id = "CUST-10" });

        var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?customer_id=CUST-9", null, HttpStatusCode.OK);
        Assert.That(list["data"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(list["data"]!.AsArray().All(l => l!["customer_id"]!.GetValue<string>() == "CUST-9"), Is.True);
    }

    [Test]
    public async Task List_filters_by_product_and_searches_code_email_and_customer()
    {
        await CreateProductAsync("A");
        await CreateProductAsync("B");
        await CreateLicenseAsync("A", new { license_code = "ALPHA-0001", email = "ann@example.com" });
        await CreateLicenseAsync("A", new { license_code = "ALPHA-0002", customer_id = "CUST-77" });
        await CreateLicenseAsync("B", new { license_code = "BRAVO-0001", email = "bob@example.com" });

        async Task<List<string>> Codes(string query) =>
            (await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses" + query, null, HttpStatusCode.OK))["data"]!.AsArray()
                .Select(l => l!["license_code"]!.GetValue<string>()).ToList();

        Assert.That(await Codes("?product_reference_id=A"), Is.EqualTo(new[] { "ALPHA-0001", "ALPHA-0002" }));
        Assert.That(await Codes("?search=BRAVO"), Is.EqualTo(new[] { "BRAVO-0001" }));
        Assert.That(await Codes("?search=ann@"), Is.EqualTo(new[] { "ALPHA-0001" }));
        Assert.That(await Codes("?search=CUST-77"), Is.EqualTo(new[] { "ALPHA-0002" }));
        Assert.That(await Codes("?search=ALPHA&product_reference_id=B"), Is.Empty);

        var paged = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?per_page=2", null, HttpStatusCode.OK);
        Assert.That(paged["data"]!.AsArray(), Has.Count.EqualTo(2));
        JsonAssert.IsBoolean(paged["meta"]!["has_more"], true, "has_more");
        var next = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses?per_page=2&cursor={paged["meta"]!["next_cursor"]}", null, HttpStatusCode.OK);
        Assert.That(next["data"]!.AsArray().Select(l => l!["license_code"]!.GetValue<string>()), Is.EqualTo(new[] { "BRAVO-0001" }));
    }

    [Test]
    public async Task Listed_and_searched_rows_are_the_licenses_as_read_one_by_one()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new
        {
            license_code = "ROW-0001", type = "subscription", customer_id = "CUST-ROW", email = "row@example.com", parallel_uses = 3,
            expires_at = "2099-12-31", updates_until = "2099-06-30", domains = new[] { "example.com" }, ips = new[] { "10.1.2.3" },
            services = new[] { "updates", "support" },
        });
        await CreateLicenseAsync("P", new { license_code = "ROW-0002", type = "trial", duration_months = 2, is_valid = false });
        var blocked = await CreateLicenseAsync("P", new { license_code = "ROW-0003" });
        using var client = ClientAt("https://example.com/app", "10.1.2.3");
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { license_code = "ROW-0001" }, HttpStatusCode.OK);
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked["id"]}", null, HttpStatusCode.OK);

        // The listing and the search read rows in their own SQL; a license read alone goes through the ORM.
        // Every field of every row must be the same, whatever the page.
        foreach (var query in new[] { "per_page=100", "search=ROW", "search=row@", "search=CUST-ROW", "per_page=1&page=2" })
        {
            var listed = (await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?" + query, null, HttpStatusCode.OK))["data"]!.AsArray();
            Assert.That(listed, Is.Not.Empty, query);
            foreach (var row in listed)
            {
                var alone = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{row!["id"]}", null, HttpStatusCode.OK);
                Assert.That(JsonNode.DeepEquals(row, alone["data"]), Is.True, $"{query}: {row.ToJsonString()} vs {alone["data"]!.ToJsonString()}");
            }
        }

        var first = (await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?per_page=100", null, HttpStatusCode.OK))["data"]!.AsArray();
        Assert.That(first.Select(l => l!["active_activations"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 0, 0 }));
        Assert.That(first.Select(l => l!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "active", "invalid", "blocked" }));
    }

    [Test]
    public async Task Search_pages_code_then_email_then_customer_matches_and_the_cursor_continues_across_groups()
    {
        await CreateProductAsync("P");
        await CreateProductAsync("Q");
        var ids = new Dictionary<string, string>();
        foreach (var (code, extra) in new (string, object)[]
        {
            ("AB-0003", new { }),
            ("XY-0001", new { email = "ab@example.com" }),
            ("AB-0001", new { email = "zed@example.com" }),
            ("XY-0003", new { customer_id = "AB" }),
            ("XY-0004", new { customer_id = "AB", email = "ab-too@example.com" }),
            ("ab-lower", new { email = "lower@example.com" }),
            ("XY-0002", new { email = "abc@example.com" }),
            ("AB-0002", new { customer_id = "AB" }),
            ("ZZ-0001", new { email = "other@example.com", customer_id = "ABC" }),
            ("XY_0009", new { }),
        })
        {
            var body = new Dictionary<string, object?> { ["product_reference_id"] = code == "XY-0002" ? "Q" : "P", ["license_code"] = code };
            foreach (var property in extra.GetType().GetProperties())
            {
                body[property.Name] = property.GetValue(extra);
            }

            var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", body, HttpStatusCode.Created);
            ids[code] = created["data"]!["id"]!.GetValue<string>();
        }

        // Code matches by code, then the other e-mail matches by e-mail ('-' < '@' < 'c'), then the other licenses
        // of the customer referenced "AB"; each license once, codes case-sensitive, e-mails lower-cased.
        string[] expected = ["AB-0001", "AB-0002", "AB-0003", "XY-0004", "XY-0001", "XY-0002", "XY-0003"];
        async Task<(List<string> Codes, JsonObject Meta)> Page(string query)
        {
            var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?" + query, null, HttpStatusCode.OK);
            return (json["data"]!.AsArray().Select(l => l!["license_code"]!.GetValue<string>()).ToList(), json["meta"]!.AsObject());
        }

        Assert.That((await Page("search=AB")).Codes, Is.EqualTo(expected));
        Assert.That((await Page("search=Ab")).Codes, Is.EqualTo(new[] { "XY-0004", "XY-0001", "XY-0002" }), "codes are matched case-sensitively, e-mails lower-cased");
        Assert.That((await Page("search=XY_")).Codes, Is.EqualTo(new[] { "XY_0009" }), "'_' is a character, not a wildcard");
        Assert.That((await Page("search=AB&product_reference_id=Q")).Codes, Is.EqualTo(new[] { "XY-0002" }));

        foreach (var perPage in new[] { 1, 2, 3 })
        {
            var seen = new List<string>();
            string? cursor = null;
            for (var pages = 0; pages < 10; pages++)
            {
                var (codes, meta) = await Page($"search=AB&per_page={perPage}" + (cursor is null ? "" : $"&cursor={cursor}"));
                seen.AddRange(codes);
                if (!meta["has_more"]!.GetValue<bool>())
                {
                    Assert.That(meta["next_cursor"], Is.Null);
                    break;
                }

                cursor = meta["next_cursor"]!.GetValue<string>();
            }

            Assert.That(seen, Is.EqualTo(expected), $"per_page={perPage}");
        }

        Assert.That((await Page("search=AB&per_page=2&page=2")).Codes, Is.EqualTo(new[] { "AB-0003", "XY-0004" }));

        // A plain id cursor (as a listing page gives) continues after that license's place in the search.
        static string IdCursor(string id) => Convert.ToBase64String(Guid.Parse(id).ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.That((await Page($"search=AB&per_page=2&cursor={IdCursor(ids["AB-0002"])}")).Codes, Is.EqualTo(new[] { "AB-0003", "XY-0004" }));
        Assert.That((await Page($"search=AB&cursor={IdCursor(ids["XY-0001"])}")).Codes, Is.EqualTo(new[] { "XY-0002", "XY-0003" }));

        var invalid = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses?search=AB&cursor={IdCursor(ids["ZZ-0001"])}", null, HttpStatusCode.UnprocessableEntity);
        Assert.That(invalid["errors"]!.AsObject().Select(e => e.Key), Does.Contain("cursor"));
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?search=AB&cursor=AAAAAAAAAAAAAAAAAAAAAAl4", null, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Update_changes_only_what_is_sent_and_null_clears_the_expiry()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { expires_at = "2099-01-01", parallel_uses = 2, email = "a@example.com" });
        var id = license["id"]!.GetValue<string>();

        var updated = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{id}", new { parallel_uses = 5, type = "subscription" }, HttpStatusCode.OK);
        Assert.That(updated["data"]!["parallel_uses"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(updated["data"]!["type"]!.GetValue<string>(), Is.EqualTo("subscription"));
        Assert.That(updated["data"]!["email"]!.GetValue<string>(), Is.EqualTo("a@example.com"));
        Assert.That(updated["data"]!["expires_at"]!.GetValue<string>(), Does.StartWith("2099-01-01"));

        var cleared = await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{id}", RawJson("{\"expires_at\":null}"), HttpStatusCode.OK);
        Assert.That(cleared["data"]!["expires_at"], Is.Null);

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{Guid.NewGuid()}", new { parallel_uses = 1 }, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Activations_are_listed_and_managed_by_id()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "MANAGE-001", parallel_uses = 1 });
        var id = license["id"]!.GetValue<string>();
        using var one = ClientAt("https://one.example/app", "203.0.113.5");
        await SendAsync(one, HttpMethod.Post, "/api/external/license/activate", new { license_code = "MANAGE-001", client_name = "Ann" }, HttpStatusCode.OK);

        var list = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}/activations", null, HttpStatusCode.OK);
        var activation = list["data"]!.AsArray().Single()!.AsObject();
        Assert.That(activation["domain"]!.GetValue<string>(), Is.EqualTo("one.example"));
        Assert.That(activation["ip"]!.GetValue<string>(), Is.EqualTo("203.0.113.5"));
        Assert.That(activation["client_name"]!.GetValue<string>(), Is.EqualTo("Ann"));
        JsonAssert.IsBoolean(activation["is_active"], true, "is_active");
        var activationId = activation["id"]!.GetValue<string>();

        var off = await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/activated-product-activations/{activationId}", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(off["data"]!["is_active"], false, "is_active");

        using var two = ClientAt("https://two.example");
        await SendAsync(two, HttpMethod.Post, "/api/external/license/activate", new { license_code = "MANAGE-001" }, HttpStatusCode.OK);
        var refused = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/activated-product-activations/{activationId}", null, HttpStatusCode.Forbidden);
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("limit"));

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{id}", new { parallel_uses = 2 }, HttpStatusCode.OK);
        var on = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/activated-product-activations/{activationId}", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(on["data"]!["is_active"], true, "is_active");
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/activated-product-activations/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Block_and_unblock_are_reflected_in_status()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P");
        var id = license["id"]!.GetValue<string>();
        var blocked = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(blocked["data"]!["status"]!.GetValue<string>(), Is.EqualTo("blocked"));
        JsonAssert.IsBoolean(blocked["data"]!["is_blocked"], true, "is_blocked");
        var unblocked = await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(unblocked["data"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task Expired_license_has_expired_status_when_the_clock_passes_its_expiry()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { expires_at = DateTimeOffset.UtcNow.AddDays(1) });
        Server.Clock.Advance(TimeSpan.FromDays(2));
        var json = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(json["data"]!["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(json["data"]!["parallel_uses"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
    }
}
