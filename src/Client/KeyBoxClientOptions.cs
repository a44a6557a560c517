namespace KeyBox.Client;

/// <summary>
/// Where the KeyBox server is, which credential to send, and who is calling (the client context). Configure once;
/// <see cref="KeyBoxClientHandler"/> adds the matching headers to every request.
/// </summary>
public sealed class KeyBoxClientOptions
{
    /// <summary>The server's base URL, e.g. <c>https://licenses.example.com/</c> (default <c>http://localhost:3000/</c>).</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:3000/");

    /// <summary>An internal or external API key, sent as <c>X-API-KEY</c>. External keys may call only <c>/api/external</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A bearer token from <c>POST /auth/login</c> (KeyBox root routes and <c>/api/internal</c>), sent as <c>Authorization: Bearer</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The URL of the calling installation, sent as <c>X-API-URL</c>: its host is the activation's domain.</summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>The installation's IP address, sent as <c>X-API-IP</c> (when unset, the server uses the connection's address).</summary>
    public string? ClientIp { get; set; }

    /// <summary>The installation's language, sent as <c>X-API-LANGUAGE</c> (e.g. <c>en</c>).</summary>
    public string? Language { get; set; }
}
