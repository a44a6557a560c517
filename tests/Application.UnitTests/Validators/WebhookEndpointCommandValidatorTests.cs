using KeyBox.Application.Webhooks;
using KeyBox.Application.Webhooks.Commands.CreateWebhookEndpoint;
using KeyBox.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.UnitTests.Validators;

public sealed class WebhookEndpointCommandValidatorTests
{
    private static string[] CreateFailures(string? url, bool allowPrivate) =>
        new CreateWebhookEndpointCommandValidator(Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }))
            .Validate(new CreateWebhookEndpointCommand(url, null, null, null)).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void A_literal_private_address_is_refused_unless_the_operator_allows_it()
    {
        Assert.That(CreateFailures("http://192.168.1.20/hook", allowPrivate: false), Is.EqualTo(new[] { "Url" }));
        Assert.That(CreateFailures("http://192.168.1.20/hook", allowPrivate: true), Is.Empty);
        Assert.That(CreateFailures("https://hooks.example.com/hook", allowPrivate: false), Is.Empty);
    }

    [Test]
    public void A_url_is_required_on_create_but_not_on_update()
    {
        Assert.That(CreateFailures(null, allowPrivate: false), Is.EqualTo(new[] { "Url" }));
        var update = new UpdateWebhookEndpointCommandValidator(Options.Create(new WebhookOptions()));
        Assert.That(update.Validate(new UpdateWebhookEndpointCommand(Guid.NewGuid(), null, null, null, false)).IsValid, Is.True);
        Assert.That(update.Validate(new UpdateWebhookEndpointCommand(Guid.NewGuid(), "http://[fe80::1]/", null, null, null)).IsValid, Is.False);
    }
}
