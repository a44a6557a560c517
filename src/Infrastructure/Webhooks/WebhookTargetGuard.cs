using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>
/// The webhook client's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host itself and
/// connects only to addresses that are allowed, so the check applies to the address actually connected to — a name
/// that resolves (or is re-bound) to a private address is refused, and no request is sent.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options, ILogger<WebhookTargetGuard> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!options.Value.AllowPrivateTargets)
        {
            var allowed = addresses.Where(a => !WebhookTargets.IsForbidden(a)).ToArray();
            if (allowed.Length == 0)
            {
                // What the name resolved to is for the operator's log only: the tenant's delivery log must not learn
                // the server's internal names and addresses.
                logger.LogWarning("Refused a webhook connection to {Host}: it resolves only to addresses that are not public ({Addresses}); see Webhooks:AllowPrivateTargets",
                    host, string.Join(", ", addresses.Select(a => a.ToString())));
                throw new WebhookTargetRefusedException();
            }

            addresses = allowed;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The target resolves to no public address. Its message is all a delivery log shows of it.</summary>
internal sealed class WebhookTargetRefusedException() : Exception(RefusalMessage)
{
    public const string RefusalMessage = "target refused: not a public address";
}
