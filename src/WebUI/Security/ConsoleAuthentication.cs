using System.Security.Claims;
using KeyBox.Application.Common.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebUI.Security;

/// <summary>
/// The console's own credentials: a cookie, issued by the login page, accepted on <c>/admin</c> only. The API's
/// schemes (API keys, bearer tokens) never read it, and the console never reads theirs (see <see cref="ConsoleUserMiddleware"/>).
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "KeyBoxConsole";
    public const string CookieName = "keybox_console";

    /// <summary>Where the console is served; the cookie is sent for this path only.</summary>
    public const string PathBase = "/admin";

    /// <summary>
    /// A principal with the claims the actor of every request reads (<c>sub</c>, <c>role</c>), the email for display,
    /// and the account's security stamp (<c>kb_stamp</c>): the session ends when the stamp changes, as a bearer token does.
    /// </summary>
    public static ClaimsPrincipal Principal(Guid userId, string role, string email, string securityStamp) =>
        new(new ClaimsIdentity(
            [
                new Claim(ConsoleClaims.Subject, userId.ToString()),
                new Claim(ConsoleClaims.Role, role),
                new Claim(ConsoleClaims.Email, email),
                new Claim(ConsoleClaims.SecurityStamp, securityStamp),
            ],
            Scheme,
            ConsoleClaims.Email,
            ConsoleClaims.Role));

    internal static void Configure(CookieAuthenticationOptions options, TimeSpan idleTimeout)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = PathBase;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = idleTimeout;
        options.SlidingExpiration = true;

        // Relative to the console's path base (/admin): the console is a branch of the pipeline.
        options.LoginPath = "/login";
        options.LogoutPath = "/logout";
        options.AccessDeniedPath = "/access-denied";
        options.ReturnUrlParameter = "ReturnUrl";

        // Every request re-checks the account (from the in-process account states, invalidated on every process):
        // logout elsewhere, deactivation, a role or password change end the session at once.
        options.Events.OnValidatePrincipal = async context =>
        {
            if (!await IsCurrentAsync(context.Principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }

    /// <summary>Whether <paramref name="principal"/>'s account is active and its security stamp is still the account's.</summary>
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal?.FindFirst(ConsoleClaims.Subject)?.Value, out var userId))
        {
            return false;
        }

        var state = await services.GetRequiredService<IAccountStates>().GetAsync(userId, cancellationToken);
        return state is not null && state.AcceptsToken(principal!.FindFirst(ConsoleClaims.SecurityStamp)?.Value);
    }
}

/// <summary>The claims of a console session; the same names as the API's tokens, so the same actor rules apply.</summary>
public static class ConsoleClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
    public const string SecurityStamp = "kb_stamp";
    public const string AdminRole = "ADMIN";
    public const string DeveloperRole = "DEVELOPER";
}

/// <summary>Authorisation policies of the console's pages; both accept the console cookie and nothing else.</summary>
public static class ConsolePolicies
{
    /// <summary>Any signed-in account.</summary>
    public const string User = "ConsoleUser";

    /// <summary>An ADMIN account (server settings, users).</summary>
    public const string Admin = "ConsoleAdmin";
}
