using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>
/// The webhook client's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host itself and
/// connects only to addresses that are allowed, so the check applies to the address actually connected to — a name
/// that resolves (or is re-bound) to a private address is refused, and no request is sent.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
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
                throw new WebhookTargetRefusedException(
                    $"Refused to connect to {host} ({string.Join(", ", addresses.Select(a => a.ToString()))}): loopback, private and link-local " +
                    "addresses are not allowed as webhook targets (Webhooks:AllowPrivateTargets).");
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

internal sealed class WebhookTargetRefusedException(string message) : Exception(message);
