using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.UnitTests.Accounts;

public sealed class UserTests
{
    [Test]
    public void The_first_person_to_sign_up_becomes_admin()
    {
        Assert.That(User.RoleForSignup(anotherPersonHasAnAccount: false), Is.EqualTo(UserRole.Admin));
    }

    [Test]
    public void Later_sign_ups_are_developers()
    {
        Assert.That(User.RoleForSignup(anotherPersonHasAnAccount: true), Is.EqualTo(UserRole.Developer));
    }

    [Test]
    public void Emails_are_trimmed_and_lower_cased()
    {
        var user = User.Create("Ada", "  Ada@Example.COM ", "hash", UserRole.Developer, DateTimeOffset.UnixEpoch);
        Assert.That(user.Email, Is.EqualTo("ada@example.com"));
    }

    [Test]
    public void A_name_is_required()
    {
        var error = Assert.Throws<DomainException>(() => User.Create(" ", "a@example.com", "hash", UserRole.Developer, DateTimeOffset.UnixEpoch));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(error.Field, Is.EqualTo("Name"));
    }
}
