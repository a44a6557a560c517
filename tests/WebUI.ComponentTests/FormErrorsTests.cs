using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Common;
using KeyBox.WebUI.Components.Shared;

namespace KeyBox.WebUI.ComponentTests;

public sealed class FormErrorsTests
{
    [Test]
    public void A_validation_failure_becomes_messages_per_field()
    {
        var errors = FormErrors.TryFrom(new ValidationException(new Dictionary<string, string[]> { ["ReferenceId"] = ["Bad.", "Too long."] }))!;

        Assert.That(errors.For("referenceId"), Is.EqualTo("Bad. Too long."), "field names match whatever their case");
        Assert.That(errors.General, Is.Empty);
    }

    [Test]
    public void A_domain_rule_with_a_field_is_shown_beside_it_and_one_without_is_general()
    {
        Assert.That(FormErrors.TryFrom(new DomainException(ErrorCodes.Conflict, "Taken.", "ReferenceId"))!.For("ReferenceId"), Is.EqualTo("Taken."));
        Assert.That(FormErrors.TryFrom(new DomainException(ErrorCodes.Forbidden, "No."))!.General, Is.EqualTo(new[] { "No." }));
    }

    [Test]
    public void An_unexpected_failure_is_not_turned_into_a_form_message()
    {
        Assert.That(FormErrors.TryFrom(new InvalidOperationException("internal detail")), Is.Null);
    }

    [Test]
    public void The_entries_of_a_list_field_are_shown_with_it_and_other_fields_are_not_lost()
    {
        var errors = FormErrors.TryFrom(new ValidationException(new Dictionary<string, string[]>
        {
            ["Domains[0]"] = ["'a b' is not a valid domain."],
            ["Domains[2]"] = ["'c d' is not a valid domain."],
            ["DomainsExtra"] = ["Not a list entry."],
            ["Ips"] = ["Too many."],
        }))!;

        Assert.That(errors.ForList("domains"), Is.EqualTo("'a b' is not a valid domain. 'c d' is not a valid domain."));
        Assert.That(errors.HasList("Ips"), Is.True);
        Assert.That(errors.ForList("Email"), Is.Null);
        Assert.That(errors.NotBeside("Domains", "Ips"), Is.EqualTo(new[] { "Not a list entry." }));
    }
}
