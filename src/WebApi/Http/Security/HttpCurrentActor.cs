using System.Security.Claims;
using KeyBox.Application.Common.Interfaces;
using KeyBox.WebUI.Security;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// The actor of the current request, from its principal: the console user the scope was opened for (an interactive
/// console page, see <see cref="ConsoleUser"/>), else the HTTP request's user. Without an authenticated principal
/// (anonymous licence checks, background work) the system acts, and sees everything; admin-only powers need an
/// authenticated ADMIN or no request at all. The role claim is the account's current role (the authentication handlers
/// put it there from <see cref="KeyBox.Application.Common.Interfaces.IAccountStates"/>), not the one a token was issued with.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor, ConsoleUser console) : ICurrentActor
{
    private ClaimsPrincipal? Principal => console.Principal ?? accessor.HttpContext?.User;

    public Guid? UserId =>
        Guid.TryParse(Principal?.FindFirst(KeyBoxClaims.Subject)?.Value, out var id) ? id : null;

    public bool SeesEverything
    {
        get
        {
            var user = Principal;
            return user?.Identity?.IsAuthenticated != true || user.IsInRole(KeyBoxClaims.AdminRole);
        }
    }

    public bool IsAdmin
    {
        get
        {
            if (console.Principal is null && accessor.HttpContext is null)
            {
                // No request and no console page: background work or an operator command, acting as the system.
                return true;
            }

            var user = Principal;
            return user?.Identity?.IsAuthenticated == true && user.IsInRole(KeyBoxClaims.AdminRole);
        }
    }

    public Guid OwnerIdForNewResources =>
        UserId ?? throw new InvalidOperationException("Resources can only be created on behalf of an authenticated account.");
}
