using System.Net;
using KeyBox.Domain.Common;

namespace KeyBox.WebApi.Http.Security;

/// <summary>The client context headers, in their modern (<c>X-API-*</c>) and LicenseBox (<c>LB-*</c>) spellings.</summary>
public static class ClientHeaders
{
    public static string? ApiKey(HttpRequest request) => First(request, "X-API-KEY", "LB-API-KEY");

    /// <summary>The calling installation's URL; 403 when present but not an absolute http(s) URL.</summary>
    public static Uri? Url(HttpRequest request)
    {
        var raw = First(request, "X-API-URL", "LB-URL");
        if (raw is null)
        {
            return null;
        }

        if (Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return uri;
        }

        throw new DomainException(ErrorCodes.Forbidden, "The X-API-URL (LB-URL) header must be an absolute http(s) URL.");
    }

    /// <summary>The installation's IP: the header when sent (403 when not an IP), else the connection's address.</summary>
    public static IPAddress? Ip(HttpContext context)
    {
        var raw = First(context.Request, "X-API-IP", "LB-IP");
        if (raw is null)
        {
            var remote = context.Connection.RemoteIpAddress;
            return remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote;
        }

        if (IPAddress.TryParse(raw.Trim(), out var ip))
        {
            return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        }

        throw new DomainException(ErrorCodes.Forbidden, "The X-API-IP (LB-IP) header must be an IP address.");
    }

    public static string? Language(HttpRequest request) => First(request, "X-API-LANGUAGE", "LB-LANG");

    private static string? First(HttpRequest request, string modern, string legacy)
    {
        var value = request.Headers[modern].ToString();
        if (string.IsNullOrEmpty(value))
        {
            value = request.Headers[legacy].ToString();
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }
}

public static class ClientPlace
{
    /// <summary>The caller's place from its context headers (403 when they are malformed) and body fields.</summary>
    public static Domain.Licenses.ActivationPlace Of(HttpContext context, string? machineId = null, string? instanceId = null, string? clientName = null) =>
        Domain.Licenses.ActivationPlace.Create(
            ClientHeaders.Url(context.Request),
            ClientHeaders.Ip(context),
            machineId,
            instanceId,
            clientName,
            ClientHeaders.Language(context.Request));
}
