using System.Net;
using System.Net.Sockets;

namespace KeyBox.Domain.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless the operator allows private targets: every block of the IANA
/// IPv4 and IPv6 Special-Purpose Address Registries (loopback, private, link-local, shared/CGN, benchmarking,
/// documentation/TEST-NETs, IETF protocol assignments, AS112, AMT, discard, ORCHID, ...), multicast, broadcast and
/// reserved space, and — for IPv6 — anything outside global unicast (2000::/3). IPv6 forms that carry an IPv4 address
/// (IPv4-mapped <c>::ffff:0:0/96</c>, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) are judged by that IPv4
/// address; the deprecated IPv4-compatible <c>::/96</c>, the local-use NAT64 <c>64:ff9b:1::/48</c> and Teredo
/// (within <c>2001::/23</c>) are refused outright.
/// </summary>
public static class WebhookTargets
{
    private static readonly Block[] SpecialIPv4 =
    [
        Block.Of("0.0.0.0/8"),          // "this network"
        Block.Of("10.0.0.0/8"),         // private
        Block.Of("100.64.0.0/10"),      // shared address space (carrier-grade NAT)
        Block.Of("127.0.0.0/8"),        // loopback
        Block.Of("169.254.0.0/16"),     // link-local (cloud metadata)
        Block.Of("172.16.0.0/12"),      // private
        Block.Of("192.0.0.0/24"),       // IETF protocol assignments (DS-Lite, NAT64 discovery, PCP/TURN anycast, ...)
        Block.Of("192.0.2.0/24"),       // documentation (TEST-NET-1)
        Block.Of("192.31.196.0/24"),    // AS112-v4
        Block.Of("192.52.193.0/24"),    // AMT
        Block.Of("192.88.99.0/24"),     // deprecated 6to4 relay anycast
        Block.Of("192.168.0.0/16"),     // private
        Block.Of("192.175.48.0/24"),    // direct delegation AS112
        Block.Of("198.18.0.0/15"),      // benchmarking
        Block.Of("198.51.100.0/24"),    // documentation (TEST-NET-2)
        Block.Of("203.0.113.0/24"),     // documentation (TEST-NET-3)
        Block.Of("224.0.0.0/4"),        // multicast
        Block.Of("240.0.0.0/4"),        // reserved, and 255.255.255.255 limited broadcast
    ];

    private static readonly Block GlobalUnicastIPv6 = Block.Of("2000::/3");

    private static readonly Block[] SpecialIPv6 =
    [
        Block.Of("2001::/23"),          // IETF protocol assignments: Teredo, PCP/TURN anycast, benchmarking, AMT, AS112, ORCHID, DRIP
        Block.Of("2001:db8::/32"),      // documentation
        Block.Of("2620:4f:8000::/48"),  // direct delegation AS112
        Block.Of("3fff::/20"),          // documentation
        // Outside 2000::/3, hence refused too: ::/96 (unspecified, loopback, IPv4-compatible), 64:ff9b:1::/48 (local-use
        // NAT64), 100::/64 (discard-only), 5f00::/16 (SRv6 SIDs), fc00::/7 (unique local), fe80::/10 (link-local),
        // fec0::/10 (site-local), ff00::/8 (multicast).
    ];

    private static readonly Block MappedIPv4 = Block.Of("::ffff:0:0/96");
    private static readonly Block Nat64 = Block.Of("64:ff9b::/96");
    private static readonly Block SixToFour = Block.Of("2002::/16");

    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return SpecialIPv4.Any(block => block.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (EmbeddedIPv4(address) is { } embedded)
        {
            return IsForbidden(embedded);
        }

        return !GlobalUnicastIPv6.Contains(address) || SpecialIPv6.Any(block => block.Contains(address));
    }

    /// <summary>True when the URL's host is a literal IP address (not a name) that <see cref="IsForbidden"/>.</summary>
    public static bool IsForbiddenLiteral(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.DnsSafeHost, out var address)
        && IsForbidden(address);

    /// <summary>The IPv4 address an IPv6 address stands for, where the IPv6 form is only a way to reach it.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (MappedIPv4.Contains(address) || Nat64.Contains(address))
        {
            return new IPAddress(bytes[12..16]);
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes[2..6]) : null;
    }

    /// <summary>An address block (CIDR).</summary>
    private sealed record Block(byte[] Prefix, int Bits)
    {
        public static Block Of(string cidr)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            return new Block(IPAddress.Parse(cidr[..slash]).GetAddressBytes(), int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool Contains(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length != Prefix.Length)
            {
                return false;
            }

            var whole = Bits / 8;
            for (var i = 0; i < whole; i++)
            {
                if (bytes[i] != Prefix[i])
                {
                    return false;
                }
            }

            var rest = Bits % 8;
            if (rest == 0)
            {
                return true;
            }

            var mask = (byte)(0xFF << (8 - rest));
            return (bytes[whole] & mask) == (Prefix[whole] & mask);
        }
    }
}
