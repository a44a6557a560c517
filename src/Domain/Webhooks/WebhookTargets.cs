using System.Net;
using System.Net.Sockets;

namespace KeyBox.Domain.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless the operator allows private targets: loopback, private ranges,
/// link-local, carrier-grade NAT, unspecified, multicast and reserved addresses — whatever could reach the
/// server's own network instead of a public receiver.
/// </summary>
public static class WebhookTargets
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] == 0                                  // 0.0.0.0/8 "this network"
                || b[0] == 10                                 // 10/8
                || b[0] == 127                                // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)       // 100.64/10 carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)               // link-local (cloud metadata)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)       // 172.16/12
                || (b[0] == 192 && b[1] == 168)               // 192.168/16
                || b[0] >= 224;                               // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any))
            {
                return true;
            }

            // 64:ff9b::/96 (NAT64) reaches the IPv4 address in its last four bytes.
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
            {
                return IsForbidden(new IPAddress(b[12..]));
            }

            return (b[0] & 0xFE) == 0xFC                     // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)    // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)    // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF;                              // multicast
        }

        return true;
    }

    /// <summary>True when the URL's host is a literal IP address (not a name) that <see cref="IsForbidden"/>.</summary>
    public static bool IsForbiddenLiteral(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.DnsSafeHost, out var address)
        && IsForbidden(address);
}
