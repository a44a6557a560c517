using System.Net;
using System.Net.Sockets;

namespace KeyBox.Domain.Licenses;

/// <summary>An allowed IP: an exact IPv4/IPv6 address or a CIDR range (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>).</summary>
public static class IpRule
{
    public static bool TryNormalize(string? rule, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(rule))
        {
            return false;
        }

        var value = rule.Trim();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (!TryParseStrict(value, out var address))
            {
                return false;
            }

            normalized = address.ToString();
            return true;
        }

        if (!TryParseStrict(value[..slash], out var network) || !int.TryParse(value[(slash + 1)..], NumberStyles, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var max = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix < 0 || prefix > max)
        {
            return false;
        }

        // Normalise to the network address so 10.1.2.3/8 is stored as 10.0.0.0/8.
        var ipNetwork = new IPNetwork(Mask(network, prefix), prefix);
        normalized = ipNetwork.ToString();
        return true;
    }

    public static string Validate(string? rule, string field) =>
        TryNormalize(rule, out var normalized)
            ? normalized
            : throw Common.Guard.Invalid(field, $"'{rule}' is not a valid IP address or CIDR range.");

    public static bool Matches(string normalizedRule, IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (normalizedRule.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(normalizedRule, out var network) && network.Contains(address);
        }

        return IPAddress.TryParse(normalizedRule, out var exact) && exact.Equals(address);
    }

    private const System.Globalization.NumberStyles NumberStyles = System.Globalization.NumberStyles.None;

    /// <summary>IPAddress.TryParse accepts shorthand such as <c>1</c> or <c>10.1</c>; allow only dotted quads and IPv6.</summary>
    private static bool TryParseStrict(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            var parts = text.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
            {
                return false;
            }
        }
        else if (!text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
