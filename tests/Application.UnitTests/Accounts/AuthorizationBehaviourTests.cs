using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Behaviours;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using KeyBox.Application.Settings.Commands.UpdateSettings;
using KeyBox.Application.Settings.Queries.GetSettings;
using KeyBox.Application.Users.Commands.CreateUser;
using KeyBox.Application.Users.Commands.UpdateUser;
using KeyBox.Application.Users.Queries.GetUser;
using KeyBox.Application.Users.Queries.ListUsers;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.UnitTests.Accounts;

public sealed class AuthorizationBehaviourTests
{
    private sealed record AdminThing : ICommand<int>, IAdminOnly;

    private sealed record OwnerThing : ICommand<int>;

    private sealed class Actor(bool isAdmin) : ICurrentActor
    {
        public Guid? UserId => Guid.NewGuid();

        public bool SeesEverything => isAdmin;

        public bool IsAdmin => isAdmin;

        public Guid OwnerIdForNewResources => UserId!.Value;
    }

    private static ValueTask<int> Run<T>(T message, bool isAdmin, Action onHandled)
        where T : notnull, IMessage =>
        new AuthorizationBehaviour<T, int>(new Actor(isAdmin)).Handle(message, (_, _) =>
        {
            onHandled();
            return ValueTask.FromResult(42);
        }, CancellationToken.None);

    [Test]
    public void An_admin_only_message_from_a_non_admin_is_forbidden_and_never_handled()
    {
        var handled = false;
        var error = Assert.ThrowsAsync<DomainException>(async () => await Run(new AdminThing(), isAdmin: false, () => handled = true));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.Forbidden));
        Assert.That(handled, Is.False);
    }

    [Test]
    public async Task An_admin_only_message_from_an_admin_and_other_messages_from_anyone_pass()
    {
        Assert.That(await Run(new AdminThing(), isAdmin: true, () => { }), Is.EqualTo(42));
        Assert.That(await Run(new OwnerThing(), isAdmin: false, () => { }), Is.EqualTo(42));
    }

    [Test]
    public void Settings_and_users_are_admin_only()
    {
        Type[] adminOnly = [typeof(GetSettingsQuery), typeof(UpdateSettingsCommand), typeof(ListUsersQuery), typeof(GetUserQuery), typeof(CreateUserCommand), typeof(UpdateUserCommand)];
        Assert.That(adminOnly.Where(t => !typeof(IAdminOnly).IsAssignableFrom(t)), Is.Empty);
    }

    [Test]
    public void Sign_up_is_closed_and_throttled_by_default()
    {
        var options = new AuthOptions();
        Assert.That(options.AllowSignup, Is.False);
        Assert.That(options.SignupThrottle.Enabled, Is.True);
    }
}
