using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>Issue 14 item 5: the dispatcher shares its slots fairly between owners.</summary>
public sealed class WebhookFairnessTests : WebhookTest
{
    [Test]
    public async Task One_owners_slow_receiver_does_not_hold_up_another_owners_delivery()
    {
        var slow = await StartReceiverAsync(async (_, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(6), aborted);
            return 200;
        });
        var fast = await StartReceiverAsync();

        // The admin's slow endpoint has 8 deliveries waiting, all older than the developer's one (set up through a
        // server that allows the local receivers but does not dispatch).
        var setup = await StartServerAsync(DispatcherSettings(("DispatcherEnabled", "false")));
        using var admin = setup.CreateClientWithKey(KeyBoxFactory.InternalKey);
        using var anonymous = setup.CreateClient();
        await CreateWebhookAsync(slow.Url, client: admin);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products", new { name = "B", reference_id = "ADMIN-P" }, HttpStatusCode.Created);
        for (var i = 0; i < 8; i++)
        {
            await SendAsync(admin, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ADMIN-P" }, HttpStatusCode.Created);
        }

        await SendAsync(anonymous, HttpMethod.Post, "/auth/signup",
            new { name = "Alice", email = "alice@example.com", password = "correct-horse-battery", confirm_password = "correct-horse-battery" }, HttpStatusCode.Created);
        var token = (await SendAsync(anonymous, HttpMethod.Post, "/auth/login", new { email = "alice@example.com", password = "correct-horse-battery" }, HttpStatusCode.OK))["data"]!["token"]!.GetValue<string>();
        using var alice = setup.CreateClient();
        alice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await CreateWebhookAsync(fast.Url, client: alice);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "A", reference_id = "ALICE-P" }, HttpStatusCode.Created);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ALICE-P" }, HttpStatusCode.Created);

        // Four slots: without a per-owner share the four oldest (all the slow owner's) would take them for 6 s.
        var watch = Stopwatch.StartNew();
        await StartDispatcherAsync(("MaxConcurrentDeliveries", "4"), ("MaxConcurrentDeliveriesPerOwner", "2"), ("TimeoutSeconds", "10"));
        await fast.WaitForAsync(1, timeoutSeconds: 15);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "the other owner's delivery went out while the slow receiver still held its share");
        Assert.That(slow.Received.Count, Is.LessThanOrEqualTo(2), "the slow owner had at most its share in flight");
    }
}
