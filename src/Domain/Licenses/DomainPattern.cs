using System.Globalization;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Licenses;

/// <summary>An allowed domain: an exact host (<c>example.com</c>) or any subdomain of one (<c>*.example.com</c>).</summary>
public static class DomainPattern
{
    private static readonly IdnMapping Idn = new();

    public static bool TryNormalize(string? pattern, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var value = pattern.Trim().TrimEnd('.').ToLowerInvariant();
        var wildcard = value.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? value[2..] : value;
        if (!TryNormalizeHost(host, out host) || (wildcard && !host.Contains('.', StringComparison.Ordinal)))
        {
            return false;
        }

        normalized = wildcard ? "*." + host : host;
        return true;
    }

    public static string Validate(string? pattern, string field) =>
        TryNormalize(pattern, out var normalized)
            ? normalized
            : throw Guard.Invalid(field, $"'{pattern}' is not a valid domain: use a host such as example.com or *.example.com.");

    /// <summary>Whether a request host satisfies a normalized pattern.</summary>
    public static bool Matches(string normalizedPattern, string host)
    {
        if (!TryNormalizeHost(host.TrimEnd('.').ToLowerInvariant(), out var candidate))
        {
            return false;
        }

        if (normalizedPattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return candidate.EndsWith(normalizedPattern[1..], StringComparison.Ordinal);
        }

        return candidate == normalizedPattern;
    }

    public static string? NormalizeHost(string? host) =>
        host is not null && TryNormalizeHost(host.Trim().TrimEnd('.').ToLowerInvariant(), out var normalized) ? normalized : null;

    private static bool TryNormalizeHost(string host, out string normalized)
    {
        normalized = string.Empty;
        if (host.Length is 0 or > 253 || host.Contains('*', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            host = Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = host.Split('.');
        if (labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return false;
        }

        normalized = host;
        return true;
    }
}
