using KeyBox.Domain.Common;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Domain.UnitTests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetryPolicy Defaults = new(TimeSpan.FromSeconds(30), 8);

    [Test]
    public void A_new_delivery_is_due_at_once()
    {
        var delivery = WebhookDelivery.Create(Guid.NewGuid(), WebhookEventTypes.LicenseCreated, "{}", Now);
        Assert.That(delivery.Status, Is.EqualTo(WebhookDeliveryStatus.Pending));
        Assert.That(delivery.NextAttemptAt, Is.EqualTo(Now));
        Assert.That(delivery.AttemptCount, Is.Zero);
    }

    [Test]
    public void Retries_double_from_the_base_delay_with_up_to_half_again_of_jitter()
    {
        var delays = Enumerable.Range(1, 7).Select(n => Defaults.DelayAfter(n, 0)!.Value.TotalSeconds).ToArray();
        Assert.That(delays, Is.EqualTo(new double[] { 30, 60, 120, 240, 480, 960, 1920 }));
        Assert.That(Defaults.DelayAfter(1, 0.999)!.Value.TotalSeconds, Is.EqualTo(45).Within(0.1));
        Assert.That(Defaults.DelayAfter(8, 0), Is.Null, "the eighth attempt was the last");
        Assert.That(new WebhookRetryPolicy(TimeSpan.FromSeconds(30), 40).DelayAfter(30, 0), Is.EqualTo(WebhookRetryPolicy.MaxDelay));
    }

    [Test]
    public void With_the_defaults_the_last_attempt_comes_more_than_an_hour_after_the_first()
    {
        var earliest = Enumerable.Range(1, 7).Sum(n => Defaults.DelayAfter(n, 0)!.Value.TotalMinutes);
        var latest = Enumerable.Range(1, 7).Sum(n => Defaults.DelayAfter(n, 0.9999)!.Value.TotalMinutes);
        Assert.That(earliest, Is.GreaterThan(60), "a receiver down for an hour still gets the event");
        Assert.That(earliest, Is.EqualTo(63.5).Within(0.01));
        Assert.That(latest, Is.LessThan(96));
    }

    [Test]
    public void After_an_attempt_a_delivery_is_delivered_retried_or_failed()
    {
        Assert.That(Defaults.After(1, true, Now, 0), Is.EqualTo((WebhookDeliveryStatus.Delivered, (DateTimeOffset?)null)));
        Assert.That(Defaults.After(1, false, Now, 0), Is.EqualTo((WebhookDeliveryStatus.Pending, (DateTimeOffset?)Now.AddSeconds(30))));
        Assert.That(Defaults.After(8, false, Now, 0), Is.EqualTo((WebhookDeliveryStatus.Failed, (DateTimeOffset?)null)));
    }

    [Test]
    public void Redeliver_is_refused_while_a_dispatcher_holds_the_delivery()
    {
        var delivery = WebhookDelivery.Create(Guid.NewGuid(), WebhookEventTypes.LicenseCreated, "{}", Now);
        SetSending(delivery, leaseUntil: Now.AddSeconds(30));
        var conflict = Assert.Throws<DomainException>(() => delivery.Redeliver(Now))!;
        Assert.That(conflict.Code, Is.EqualTo(ErrorCodes.Conflict));

        delivery.Redeliver(Now.AddMinutes(1));
        Assert.That(delivery.Status, Is.EqualTo(WebhookDeliveryStatus.Pending), "once the lease has run out it may be sent again");
        Assert.That(delivery.AttemptCount, Is.Zero);
        Assert.That(delivery.NextAttemptAt, Is.EqualTo(Now.AddMinutes(1)));
        Assert.That(delivery.ClaimToken, Is.Null);
    }

    // The dispatcher claims deliveries in SQL; this reproduces a claimed row.
    private static void SetSending(WebhookDelivery delivery, DateTimeOffset leaseUntil)
    {
        typeof(WebhookDelivery).GetProperty(nameof(WebhookDelivery.Status))!.SetValue(delivery, WebhookDeliveryStatus.Sending);
        typeof(WebhookDelivery).GetProperty(nameof(WebhookDelivery.NextAttemptAt))!.SetValue(delivery, leaseUntil);
        typeof(WebhookDelivery).GetProperty(nameof(WebhookDelivery.ClaimToken))!.SetValue(delivery, Guid.NewGuid());
        typeof(WebhookDelivery).GetProperty(nameof(WebhookDelivery.AttemptCount))!.SetValue(delivery, 1);
    }
}
