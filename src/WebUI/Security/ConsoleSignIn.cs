using KeyBox.Application.Accounts.Commands.LogIn;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.WebUI.Components.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KeyBox.WebUI.Security;

/// <summary>Signs a user in to the console, or says why not (per field, as the API's validation does).</summary>
public interface IConsoleSignIn
{
    /// <summary>Null when signed in (the cookie is set on <paramref name="context"/>'s response), else the errors to show.</summary>
    Task<FormErrors?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken);
}

/// <summary>
/// Sends the API's <see cref="LogInCommand"/> — the same accounts, password check and failed-login throttle as
/// <c>POST /auth/login</c> — then issues the console cookie with the account's <c>sub</c> and <c>role</c>. The bearer
/// token the command also issues is not used.
/// </summary>
internal sealed class ConsoleSignIn(ConsoleMediator mediator, IAccountStates accounts, ILogger<ConsoleSignIn> logger) : IConsoleSignIn
{
    public async Task<FormErrors?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
    {
        var address = context.Connection.RemoteIpAddress;
        var clientAddress = (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString();
        LogInResult result;
        try
        {
            result = await mediator.Send(new LogInCommand(email ?? string.Empty, password ?? string.Empty, clientAddress), cancellationToken);
        }
        catch (Exception ex) when (FormErrors.TryFrom(ex) is { } errors)
        {
            logger.LogInformation("Console login refused for {Email} from {Address}: {Reason}", email, clientAddress, errors.Summary);
            return errors;
        }

        var role = result.Role == UserRole.Admin ? ConsoleClaims.AdminRole : ConsoleClaims.DeveloperRole;
        var state = await accounts.GetAsync(result.UserId, cancellationToken)
            ?? throw new InvalidOperationException("The account that just logged in has no state.");
        var principal = ConsoleAuthentication.Principal(result.UserId, role, User.NormalizeEmail(email ?? string.Empty), state.SecurityStamp);
        await context.SignInAsync(ConsoleAuthentication.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return null;
    }
}
