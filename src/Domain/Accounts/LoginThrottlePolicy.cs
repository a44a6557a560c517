using System.Net;
using System.Net.Sockets;

namespace KeyBox.Domain.Accounts;

/// <summary>
/// How password checks are throttled. Every login attempt counts, within a window that opens at a key's first counted
/// attempt, under three keys (see <see cref="LoginThrottleKeys"/>):
/// <list type="bullet">
/// <item>the (account, IP) pair: after <see cref="MaxFailures"/> attempts it is refused (429) until its window ends;
/// a successful login clears it;</item>
/// <item>the IP, whatever the account: after <see cref="PerIpMaxFailures"/> attempts it is refused likewise;</item>
/// <item>the account, whatever the IP: after <see cref="PerAccountMaxFailures"/> attempts it is slowed, never blocked:
/// one password check per <see cref="PerAccountDelay"/> for the whole account, the others refused with the seconds
/// until the next one; so the right password from a new IP gets through within a few seconds, while an attacker
/// spread over many IPs gets no more than one guess per delay.</item>
/// </list>
/// An attempt takes its place under all its keys before the password is checked, or under none when any refuses it
/// (refused attempts do not count); a successful login gives back its IP and account places, so those count failures
/// (and attempts in flight). A limit of 0 turns its key off; an empty window turns throttling off.
/// </summary>
public sealed record LoginThrottlePolicy(
    int MaxFailures,
    TimeSpan Window,
    int PerIpMaxFailures,
    int PerAccountMaxFailures,
    TimeSpan PerAccountDelay)
{
    public static readonly LoginThrottlePolicy Default = new(5, TimeSpan.FromMinutes(15), 20, 50, TimeSpan.FromSeconds(5));

    /// <summary>False when the window is empty or every key is off.</summary>
    public bool IsEnabled => Window > TimeSpan.Zero && (ThrottlesPairs || ThrottlesIps || SlowsAccounts);

    public bool ThrottlesPairs => Window > TimeSpan.Zero && MaxFailures > 0;

    public bool ThrottlesIps => Window > TimeSpan.Zero && PerIpMaxFailures > 0;

    /// <summary>Accounts are slowed only with both a ceiling and a delay.</summary>
    public bool SlowsAccounts => Window > TimeSpan.Zero && PerAccountMaxFailures > 0 && PerAccountDelay > TimeSpan.Zero;

    /// <summary>The keys an attempt counts under, each null when this policy does not throttle it.</summary>
    public LoginThrottleKeys KeysFor(string normalizedEmail, string? clientAddress)
    {
        var ip = ClientKey(clientAddress);
        return new LoginThrottleKeys(
            ThrottlesPairs ? $"pair:{normalizedEmail}|{ip}" : null,
            ThrottlesIps && ip is not null ? "ip:" + ip : null,
            SlowsAccounts ? "account:" + normalizedEmail : null);
    }

    /// <summary>
    /// What a client address counts as: an IPv4 address as itself (also when written IPv4-mapped), an IPv6 address
    /// as its /64 network, which one host (or household) usually holds whole, so that walking through its own
    /// addresses does not give a guesser a fresh limit. Null for no address.
    /// </summary>
    public static string? ClientKey(string? clientAddress)
    {
        if (string.IsNullOrEmpty(clientAddress))
        {
            return null;
        }

        if (!IPAddress.TryParse(clientAddress, out var address))
        {
            return clientAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

/// <summary>
/// The counters one login attempt is throttled by: <c>pair:email|ip</c>, <c>ip:address</c> and <c>account:email</c>
/// (the email normalised; the address as <see cref="LoginThrottlePolicy.ClientKey"/> gives it, an IPv6 address as its
/// /64). A connection without an IP address has no IP key, and its pair key ends in <c>|</c>.
/// </summary>
public sealed record LoginThrottleKeys(string? Pair, string? Ip, string? Account)
{
    public bool IsEmpty => Pair is null && Ip is null && Account is null;
}
