using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace KeyBox.WebUI.Security;

/// <summary>
/// The browser a console circuit serves: its address, for the activity log. Read from the circuit's connection when it
/// comes up (the connection's address, or the forwarded one from a trusted proxy, as the API reads it).
/// </summary>
public sealed class ConsoleClient
{
    public string? IpAddress { get; internal set; }

    internal static string? AddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}

internal sealed class ConsoleClientCircuitHandler(ConsoleClient client, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        client.IpAddress = ConsoleClient.AddressOf(accessor.HttpContext) ?? client.IpAddress;
        return Task.CompletedTask;
    }
}
