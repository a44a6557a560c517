using KeyBox.Application.Common.Interfaces;

namespace KeyBox.WebApi.Infrastructure.Security;

/// <summary>
/// The actor of the current HTTP request, from its principal. Without an authenticated principal (anonymous
/// licence checks, background work) the system acts, and sees everything; admin-only powers need an authenticated
/// ADMIN or no request at all. The role claim is the account's current role (the authentication handlers put it
/// there from <see cref="KeyBox.Application.Common.Interfaces.IAccountStates"/>), not the one a token was issued with.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Guid? UserId =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirst(KeyBoxClaims.Subject)?.Value, out var id) ? id : null;

    public bool SeesEverything
    {
        get
        {
            var user = accessor.HttpContext?.User;
            return user?.Identity?.IsAuthenticated != true || user.IsInRole(KeyBoxClaims.AdminRole);
        }
    }

    public bool IsAdmin
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null)
            {
                // No request: background work or an operator command, acting as the system.
                return true;
            }

            return context.User.Identity?.IsAuthenticated == true && context.User.IsInRole(KeyBoxClaims.AdminRole);
        }
    }

    public Guid OwnerIdForNewResources =>
        UserId ?? throw new InvalidOperationException("Resources can only be created on behalf of an authenticated account.");
}
