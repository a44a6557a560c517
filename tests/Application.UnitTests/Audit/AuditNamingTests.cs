using KeyBox.Application.ApiKeys.Commands.RevokeApiKey;
using KeyBox.Application.Audit;
using KeyBox.Application.Customers.Commands.CreateCustomer;
using KeyBox.Application.Licenses.Commands.ActivateForCustomer;
using KeyBox.Application.Licenses.Commands.CreateDurationLicense;
using KeyBox.Application.Licenses.Commands.DeactivateActivation;
using KeyBox.Application.Licenses.Commands.SetLicenseBlocked;
using KeyBox.Application.Products.Commands.SetProductActive;
using KeyBox.Application.Webhooks.Commands.DeleteWebhookEndpoint;

namespace KeyBox.Application.UnitTests.Audit;

public sealed class AuditNamingTests
{
    [Test]
    public void A_command_is_named_entity_dot_verb_in_the_past_tense_from_its_type()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AuditNaming.ActionOf(new CreateCustomerCommand("A", "a@example.com")), Is.EqualTo("customer.created"));
            Assert.That(AuditNaming.ActionOf(new RevokeApiKeyCommand(Guid.NewGuid())), Is.EqualTo("api_key.revoked"));
            Assert.That(AuditNaming.ActionOf(new DeactivateActivationCommand(Guid.NewGuid())), Is.EqualTo("activation.deactivated"));
            Assert.That(AuditNaming.ActionOf(new DeleteWebhookEndpointCommand(Guid.NewGuid())), Is.EqualTo("webhook.deleted"));
        });
    }

    [Test]
    public void A_command_whose_type_name_does_not_say_it_names_its_own_action()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AuditNaming.ActionOf(new SetLicenseBlockedCommand(Guid.NewGuid(), null, true)), Is.EqualTo("license.blocked"));
            Assert.That(AuditNaming.ActionOf(new SetLicenseBlockedCommand(Guid.NewGuid(), null, false)), Is.EqualTo("license.unblocked"));
            Assert.That(AuditNaming.ActionOf(new SetProductActiveCommand("P", false)), Is.EqualTo("product.deactivated"));
            Assert.That(AuditNaming.ActionOf(new CreateDurationLicenseCommand(null, null, 12, null)), Is.EqualTo("license.created"));
            Assert.That(AuditNaming.ActionOf(new ActivateForCustomerCommand(Guid.NewGuid(), null, null, "M", null)), Is.EqualTo("license.activated_for_customer"));
        });
    }
}
