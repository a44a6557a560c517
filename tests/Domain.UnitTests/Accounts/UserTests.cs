using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.UnitTests.Accounts;

public sealed class UserTests
{
    private static User Developer() => User.SignUp("Ada", "ada@example.com", "hash", DateTimeOffset.UnixEpoch);

    private static User Admin() => User.Create("Root", "root@example.com", "hash", UserRole.Admin, DateTimeOffset.UnixEpoch);

    [Test]
    public void Signing_up_never_creates_an_admin()
    {
        var user = Developer();
        Assert.That(user.Role, Is.EqualTo(UserRole.Developer));
        Assert.That(user.IsActive, Is.True);
        Assert.That(user.SecurityStamp, Has.Length.EqualTo(User.SecurityStampLength));
    }

    [Test]
    public void Emails_are_trimmed_and_lower_cased()
    {
        var user = User.Create("Ada", "  Ada@Example.COM ", "hash", UserRole.Developer, DateTimeOffset.UnixEpoch);
        Assert.That(user.Email, Is.EqualTo("ada@example.com"));
    }

    [Test]
    public void Emails_are_normalised_to_NFC()
    {
        // "é" written as e + combining acute accent (NFD) is the same address as the precomposed "é".
        var user = User.Create("Ada", "Ren\u0065\u0301@example.com", "hash", UserRole.Developer, DateTimeOffset.UnixEpoch);
        Assert.That(user.Email, Is.EqualTo("ren\u00e9@example.com"));
    }

    [TestCase("ada\u200B@example.com")]
    [TestCase("ada\u200C@example.com")]
    [TestCase("ada\u200D@example.com")]
    [TestCase("ada\u2060@example.com")]
    [TestCase("\uFEFFada@example.com")]
    [TestCase("ada\u202E@example.com")]
    [TestCase("ada\u0007@example.com")]
    [TestCase("ada\u0000@example.com")]
    public void Emails_with_control_or_invisible_characters_are_refused(string email)
    {
        var error = Assert.Throws<DomainException>(() => User.Create("Ada", email, "hash", UserRole.Developer, DateTimeOffset.UnixEpoch));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(error.Field, Is.EqualTo("Email"));
    }

    [Test]
    public void A_name_is_required()
    {
        var error = Assert.Throws<DomainException>(() => User.Create(" ", "a@example.com", "hash", UserRole.Developer, DateTimeOffset.UnixEpoch));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(error.Field, Is.EqualTo("Name"));
    }

    [Test]
    public void Deactivation_changes_the_stamp_and_reactivation_does_not_bring_old_tokens_back()
    {
        var user = Developer();
        var issued = user.SecurityStamp;
        user.Deactivate(DateTimeOffset.UnixEpoch.AddDays(1));
        Assert.That(user.IsActive, Is.False);
        Assert.That(user.DeactivatedAt, Is.EqualTo(DateTimeOffset.UnixEpoch.AddDays(1)));
        Assert.That(user.SecurityStamp, Is.Not.EqualTo(issued));

        user.Reactivate();
        Assert.That(user.IsActive, Is.True);
        Assert.That(user.DeactivatedAt, Is.Null);
        Assert.That(user.SecurityStamp, Is.Not.EqualTo(issued));
    }

    [Test]
    public void A_role_change_a_password_change_and_a_logout_each_change_the_stamp()
    {
        var user = Developer();
        var stamps = new HashSet<string> { user.SecurityStamp };
        user.ChangeRole(UserRole.Admin);
        Assert.That(stamps.Add(user.SecurityStamp), Is.True, "role change");
        user.ChangePasswordHash("other-hash");
        Assert.That(stamps.Add(user.SecurityStamp), Is.True, "password change");
        user.RevokeTokens();
        Assert.That(stamps.Add(user.SecurityStamp), Is.True, "logout");
    }

    [Test]
    public void Setting_the_same_role_again_keeps_the_tokens()
    {
        var user = Developer();
        var stamp = user.SecurityStamp;
        user.ChangeRole(UserRole.Developer);
        Assert.That(user.SecurityStamp, Is.EqualTo(stamp));
    }

    [Test]
    public void The_last_active_admin_cannot_be_deactivated_or_demoted()
    {
        var admin = Admin();
        var error = Assert.Throws<DomainException>(() => admin.EnsureNotLastAdmin(otherActiveAdmins: 0, stillActiveAdminAfterChange: false));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.Conflict));

        Assert.DoesNotThrow(() => admin.EnsureNotLastAdmin(otherActiveAdmins: 1, stillActiveAdminAfterChange: false));
        Assert.DoesNotThrow(() => admin.EnsureNotLastAdmin(otherActiveAdmins: 0, stillActiveAdminAfterChange: true));
        Assert.DoesNotThrow(() => Developer().EnsureNotLastAdmin(otherActiveAdmins: 0, stillActiveAdminAfterChange: false));
    }

    [TestCase("ADMIN", UserRole.Admin)]
    [TestCase("developer", UserRole.Developer)]
    public void Role_names_parse_in_any_case(string name, UserRole expected)
    {
        Assert.That(UserRoles.TryParse(name, out var role), Is.True);
        Assert.That(role, Is.EqualTo(expected));
        Assert.That(UserRoles.TryParse("OWNER", out _), Is.False);
    }
}
