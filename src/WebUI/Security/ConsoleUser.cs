using System.Security.Claims;

namespace KeyBox.WebUI.Security;

/// <summary>
/// The console user a DI scope acts for. An interactive page runs in a circuit, where <c>IHttpContextAccessor</c>
/// does not reliably hold the request of the user: <see cref="ConsoleMediator"/> sets this from the circuit's
/// authentication state for the scope it sends a message in, and the current actor reads it before the HTTP request's
/// principal. Empty in every API request.
/// </summary>
public sealed class ConsoleUser
{
    public ClaimsPrincipal? Principal { get; internal set; }

    /// <summary>The browser's address (for the activity log), when known.</summary>
    public string? IpAddress { get; internal set; }
}
