using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

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

    /// <summary>A principal with the claims the actor of every request reads (<c>sub</c>, <c>role</c>), and the email for display.</summary>
    public static ClaimsPrincipal Principal(Guid userId, string role, string email) =>
        new(new ClaimsIdentity(
            [
                new Claim(ConsoleClaims.Subject, userId.ToString()),
                new Claim(ConsoleClaims.Role, role),
                new Claim(ConsoleClaims.Email, email),
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
    }
}

/// <summary>The claims of a console session; the same names as the API's tokens, so the same actor rules apply.</summary>
public static class ConsoleClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
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
