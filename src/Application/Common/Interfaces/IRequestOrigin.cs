using KeyBox.Domain.Audit;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>Where the current message came from, for the activity log: the surface, the client's address and the API key used.</summary>
public interface IRequestOrigin
{
    AuditSurface Surface { get; }

    /// <summary>The client's IP address (the connection's, or the forwarded one from a trusted proxy); null when there is no client.</summary>
    string? IpAddress { get; }

    /// <summary>The API key the request authenticated with, when it did.</summary>
    Guid? ApiKeyId { get; }
}
