using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Security;

/// <summary>Issue 14 item 12: get-or-create of a customer under parallel license creations.</summary>
public sealed class CustomerRaceTests : IntegrationTest
{
    [Test]
    public async Task Parallel_creations_naming_the_same_new_customer_all_succeed_with_one_customer()
    {
        await CreateProductAsync("P");
        for (var round = 0; round < 8; round++)
        {
            var reference = $"RACE-{round}";
            var attempts = Enumerable.Range(0, 16).Select(async _ =>
            {
                using var response = await Internal.PostAsync("/api/internal/product-licenses", Json(new
                {
                    product_reference_id = "P",
                    customer_id = reference,
                    email = $"race{round}@example.com",
                }));
                var json = await ReadObjectAsync(response);
                return (response.StatusCode, Customer: json["data"]?["customer_id"]?.GetValue<string>(), Body: json.ToJsonString());
            });
            var results = await Task.WhenAll(attempts);
            Assert.That(results.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.Body), Is.Empty, $"round {round}: every creation succeeds");
            Assert.That(results.Select(r => r.Customer).Distinct(), Is.EqualTo(new[] { reference }));
        }

        // One customer per reference: listing by it finds all 16 licenses of each round.
        var listed = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?customer_id=RACE-3&per_page=100", null, HttpStatusCode.OK);
        Assert.That(listed["data"]!.AsArray(), Has.Count.EqualTo(16));
    }

    [Test]
    public async Task Parallel_creations_naming_the_same_new_email_under_different_references_all_succeed()
    {
        await CreateProductAsync("P");
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await Internal.PostAsync("/api/internal/product-licenses", Json(new
            {
                product_reference_id = "P",
                customer_id = $"REF-{i}",
                email = "shared@example.com",
            }));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var results = await Task.WhenAll(attempts);
        Assert.That(results.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.Body), Is.Empty);
    }
}
