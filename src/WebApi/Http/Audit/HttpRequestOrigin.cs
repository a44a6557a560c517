using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Audit;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using KeyBox.WebUI.Security;

namespace KeyBox.WebApi.Http.Audit;

/// <summary>
/// Where the current message comes from, for the activity log: a console page (its circuit's browser address), an
/// operator command (<see cref="OperatorSession"/>), an HTTP request (its surface by path, the connection's address —
/// the forwarded one only from a trusted proxy; <c>X-API-IP</c> is the client's claim about its installation and is
/// not used here — and the API key it authenticated with), or else the server's own background work.
/// </summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor accessor, ConsoleUser console, OperatorSession operatorSession) : IRequestOrigin
{
    public AuditSurface Surface
    {
        get
        {
            if (console.Principal is not null)
            {
                return AuditSurface.Console;
            }

            if (operatorSession.Active)
            {
                return AuditSurface.Cli;
            }

            return accessor.HttpContext is { } context
                ? SurfaceResolver.Of(context) switch
                {
                    KeyBox.WebApi.Http.Errors.Surface.Internal => AuditSurface.Internal,
                    KeyBox.WebApi.Http.Errors.Surface.External => AuditSurface.External,
                    KeyBox.WebApi.Http.Errors.Surface.Legacy => AuditSurface.Legacy,
                    _ => AuditSurface.KeyBox,
                }
                : AuditSurface.System;
        }
    }

    public string? IpAddress
    {
        get
        {
            if (console.Principal is not null)
            {
                return console.IpAddress;
            }

            return accessor.HttpContext?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
        }
    }

    public Guid? ApiKeyId =>
        console.Principal is null && Guid.TryParse(accessor.HttpContext?.User.FindFirst(KeyBoxClaims.ApiKeyId)?.Value, out var id) ? id : null;
}

/// <summary>Set by an operator command (<c>./build.sh api-keys ...</c>) on its scope: what it changes is logged as the CLI's.</summary>
public sealed class OperatorSession
{
    public bool Active { get; set; }
}
