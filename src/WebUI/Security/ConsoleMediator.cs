using KeyBox.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebUI.Security;

/// <summary>
/// How pages send the commands and queries the controllers send. Each message gets its own DI scope, as an HTTP
/// request does: a circuit lives as long as the browser tab, and a database session, a unit of work or a change
/// tracker must not. The scope acts for the page's user (its authentication state), so owner filtering and
/// "owned by" apply exactly as through the API.
/// </summary>
public sealed class ConsoleMediator(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, ConsoleClient client)
{
    public async ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = await CreateScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    public async ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = await CreateScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, cancellationToken);
    }

    private async Task<AsyncServiceScope> CreateScopeAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var scope = scopes.CreateAsyncScope();
        if (state.User.Identity?.IsAuthenticated == true
            && !await ConsoleAuthentication.IsCurrentAsync(state.User, scope.ServiceProvider, CancellationToken.None))
        {
            // An open page outlives its cookie check: the account logged out elsewhere, was deactivated or changed.
            await scope.DisposeAsync();
            throw new DomainException(ErrorCodes.Unauthorized, "Your session has ended: log in again.");
        }

        var user = scope.ServiceProvider.GetRequiredService<ConsoleUser>();
        user.Principal = state.User;
        user.IpAddress = client.IpAddress;
        return scope;
    }
}
