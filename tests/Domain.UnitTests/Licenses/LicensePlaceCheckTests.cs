using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Domain.UnitTests.Licenses;

/// <summary><see cref="License.CheckAt"/>: whether a machine and instance hold a usable activation (KeyBox /validate).</summary>
public sealed class LicensePlaceCheckTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();

    private static ActivationPlace At(string machine, string? instance) => new(null, null, "203.0.113.1", machine, instance);

    private static (Product Product, License License) DurationLicense(int months = 1, int seats = 1)
    {
        var product = Product.Create(Owner, "P-1", "Editor", new ProductDetails(), Now);
        var license = License.Create(Owner, product.Id, null, null, new LicenseTerms(LicenseType.Subscription, ParallelUses: seats, DurationMonths: months), Now);
        return (product, license);
    }

    [Test]
    public void A_duration_license_never_activated_is_pending()
    {
        var (product, license) = DurationLicense();

        var check = license.CheckAt(product, At("m1", "i1"), Now);

        Assert.That(check.Outcome, Is.EqualTo(PlaceCheckOutcome.Pending));
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Activation, Is.Null);
    }

    [Test]
    public void The_activated_machine_and_instance_are_active()
    {
        var (product, license) = DurationLicense();
        var activation = license.Activate(product, At("m1", "i1"), Now);

        var check = license.CheckAt(product, At("m1", "i1"), Now.AddDays(1));

        Assert.That(check.Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
        Assert.That(check.IsValid, Is.True);
        Assert.That(check.Activation, Is.SameAs(activation));
    }

    [Test]
    public void Another_machine_is_a_machine_mismatch_and_another_instance_an_instance_mismatch()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", "i1"), Now);

        Assert.That(license.CheckAt(product, At("m2", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.MachineMismatch));
        Assert.That(license.CheckAt(product, At("m1", "i2"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.InstanceMismatch));
        var noInstance = license.CheckAt(product, At("m1", null), Now);
        Assert.That(noInstance.Outcome, Is.EqualTo(PlaceCheckOutcome.InstanceRequired), "a caller naming no instance does not match one that holds an instance");
        Assert.That(noInstance.Activation, Is.Null);
    }

    [Test]
    public void A_caller_naming_no_machine_never_matches_an_activation_bound_to_a_machine()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", "i1"), Now);

        var check = license.CheckAt(product, new ActivationPlace(null, null, "203.0.113.1"), Now);

        Assert.That(check.Outcome, Is.EqualTo(PlaceCheckOutcome.MachineRequired));
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Activation, Is.Null, "nothing of the bound activation is handed out");
    }

    [Test]
    public void An_activation_that_holds_no_instance_is_valid_for_any_instance_of_its_machine()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", null), Now);

        Assert.That(license.CheckAt(product, At("m1", "i9"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
        Assert.That(license.CheckAt(product, At("m1", null), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
    }

    [Test]
    public void Another_instance_on_the_same_machine_does_not_take_the_seat_over_until_it_is_released()
    {
        var (product, license) = DurationLicense();
        var first = license.Activate(product, At("m1", "i1"), Now);

        var takeover = Assert.Throws<Common.DomainException>(() => license.Activate(product, At("m1", "i2"), Now));
        var unnamed = Assert.Throws<Common.DomainException>(() => license.Activate(product, At("m1", null), Now));

        Assert.That(takeover!.Code, Is.EqualTo(Common.ErrorCodes.InstanceMismatch));
        Assert.That(unnamed!.Code, Is.EqualTo(Common.ErrorCodes.InstanceMismatch));
        Assert.That(first.InstanceId, Is.EqualTo("i1"));
        Assert.That(license.CheckAt(product, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));

        license.Deactivate(first.Id, Now);
        license.Activate(product, At("m1", "i2"), Now);

        Assert.That(license.ActiveActivationCount, Is.EqualTo(1));
        Assert.That(license.CheckAt(product, At("m1", "i2"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
        Assert.That(license.CheckAt(product, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.InstanceMismatch));
    }

    [Test]
    public void A_machine_activation_that_holds_no_instance_is_bound_to_the_first_instance_named()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", null), Now);

        var bound = license.Activate(product, At("m1", "i1"), Now);

        Assert.That(bound.InstanceId, Is.EqualTo("i1"));
        Assert.That(license.ActiveActivationCount, Is.EqualTo(1));
        Assert.That(Assert.Throws<Common.DomainException>(() => license.Activate(product, At("m1", "i2"), Now))!.Code, Is.EqualTo(Common.ErrorCodes.InstanceMismatch));
    }

    [Test]
    public void With_two_seats_two_machines_are_active()
    {
        var (product, license) = DurationLicense(seats: 2);
        license.Activate(product, At("m1", "i"), Now);
        license.Activate(product, At("m2", "i"), Now);

        Assert.That(license.CheckAt(product, At("m1", "i"), Now).IsValid, Is.True);
        Assert.That(license.CheckAt(product, At("m2", "i"), Now).IsValid, Is.True);
        Assert.That(license.CheckAt(product, At("m3", "i"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.MachineMismatch));
    }

    [Test]
    public void The_duration_runs_from_the_first_activation_and_then_the_license_is_expired()
    {
        var (product, license) = DurationLicense(months: 2);
        var firstUse = Now.AddDays(10);
        license.Activate(product, At("m1", "i1"), firstUse);

        Assert.That(license.ExpiresAt, Is.EqualTo(firstUse.AddMonths(2)));
        Assert.That(license.CheckAt(product, At("m1", "i1"), firstUse.AddMonths(2).AddSeconds(-1)).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
        Assert.That(license.CheckAt(product, At("m1", "i1"), firstUse.AddMonths(2)).Outcome, Is.EqualTo(PlaceCheckOutcome.Expired));
    }

    [Test]
    public void A_blocked_license_is_revoked_even_on_its_machine_and_unblocking_restores_it()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", "i1"), Now);

        license.Block(Now);
        Assert.That(license.CheckAt(product, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Revoked));

        license.Unblock(Now);
        Assert.That(license.CheckAt(product, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Active));
    }

    [Test]
    public void A_license_checked_against_another_product_or_an_inactive_one_is_invalid()
    {
        var (product, license) = DurationLicense();
        license.Activate(product, At("m1", "i1"), Now);
        var other = Product.Create(Owner, "P-2", "Other", new ProductDetails(), Now);

        Assert.That(license.CheckAt(other, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Invalid));
        product.Deactivate(Now);
        Assert.That(license.CheckAt(product, At("m1", "i1"), Now).Outcome, Is.EqualTo(PlaceCheckOutcome.Invalid));
    }

    [Test]
    public void The_usability_rules_still_throw_their_codes_on_activation()
    {
        var (product, license) = DurationLicense();
        license.Block(Now);

        var error = Assert.Throws<Common.DomainException>(() => license.Activate(product, At("m1", "i1"), Now));

        Assert.That(error!.Code, Is.EqualTo(Common.ErrorCodes.LicenseBlocked));
    }
}
