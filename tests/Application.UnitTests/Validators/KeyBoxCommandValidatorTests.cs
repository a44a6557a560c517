using KeyBox.Application.Customers.Commands.CreateCustomer;
using KeyBox.Application.Customers.Commands.UpdateCustomer;
using KeyBox.Application.Licenses.Commands.CreateDurationLicense;
using KeyBox.Application.Products.Commands.CreateProject;
using KeyBox.Application.Products.Commands.UpdateProject;

namespace KeyBox.Application.UnitTests.Validators;

/// <summary>The input rules of the KeyBox API's commands: durations of 1–12 months, services, PUT versus PATCH.</summary>
public sealed class KeyBoxCommandValidatorTests
{
    private static string[] Failing<T>(FluentValidation.IValidator<T> validator, T command) =>
        validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [TestCase(1, true)]
    [TestCase(12, true)]
    [TestCase(0, false)]
    [TestCase(13, false)]
    public void A_project_license_lasts_1_to_12_months(int duration, bool valid)
    {
        var command = new CreateProjectCommand("Editor", null, duration, ["sync"]);

        Assert.That(Failing(new CreateProjectCommandValidator(), command), valid ? Is.Empty : Is.EqualTo(new[] { "Duration" }));
        Assert.That(Failing(new CreateDurationLicenseCommandValidator(), new CreateDurationLicenseCommand(Guid.NewGuid(), Guid.NewGuid(), duration, null)),
            valid ? Is.Empty : Is.EqualTo(new[] { "Duration" }));
    }

    [Test]
    public void A_project_needs_a_name_and_services_need_a_duration()
    {
        var validator = new CreateProjectCommandValidator();

        Assert.That(Failing(validator, new CreateProjectCommand(" ", null, null, null)), Is.EqualTo(new[] { "Name" }));
        Assert.That(Failing(validator, new CreateProjectCommand("Editor", null, null, ["sync"])), Is.EqualTo(new[] { "Services" }));
        Assert.That(Failing(validator, new CreateProjectCommand("Editor", null, 1, ["", new string('s', 101)])), Is.EqualTo(new[] { "Services" }));
        Assert.That(Failing(validator, new CreateProjectCommand("Editor", null, null, null)), Is.Empty);
    }

    [Test]
    public void A_license_needs_its_client_project_and_duration()
    {
        Assert.That(Failing(new CreateDurationLicenseCommandValidator(), new CreateDurationLicenseCommand(null, null, null, null)),
            Is.EquivalentTo(new[] { "ClientId", "ProjectId", "Duration" }));
    }

    [Test]
    public void Replacing_needs_every_field_and_patching_only_valid_ones()
    {
        var customers = new UpdateCustomerCommandValidator();
        Assert.That(Failing(customers, new UpdateCustomerCommand(Guid.NewGuid(), "Acme", null, Partial: false)), Is.EqualTo(new[] { "Email" }));
        Assert.That(Failing(customers, new UpdateCustomerCommand(Guid.NewGuid(), "Acme", null, Partial: true)), Is.Empty);
        Assert.That(Failing(customers, new UpdateCustomerCommand(Guid.NewGuid(), "", null, Partial: true)), Is.EqualTo(new[] { "Name" }));
        Assert.That(Failing(new CreateCustomerCommandValidator(), new CreateCustomerCommand("Acme", "no-at-sign")), Is.EqualTo(new[] { "Email" }));

        var projects = new UpdateProjectCommandValidator();
        Assert.That(Failing(projects, new UpdateProjectCommand(Guid.NewGuid(), null, null, SetClient: true, Partial: false)), Is.EqualTo(new[] { "Name" }));
        Assert.That(Failing(projects, new UpdateProjectCommand(Guid.NewGuid(), null, null, SetClient: true, Partial: true)), Is.Empty);
    }
}
