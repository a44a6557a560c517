using System.Net.Http.Headers;

namespace KeyBox.Client;

/// <summary>
/// Adds the credential and the client context headers of <see cref="KeyBoxClientOptions"/> to every request:
/// <c>X-API-KEY</c>, <c>Authorization: Bearer</c>, <c>X-API-URL</c>, <c>X-API-IP</c>, <c>X-API-LANGUAGE</c>. A header the
/// request already carries (e.g. passed to a generated method) is left as it is.
/// </summary>
public sealed class KeyBoxClientHandler : DelegatingHandler
{
    private readonly KeyBoxClientOptions _options;

    /// <summary>A handler for <see cref="IHttpClientFactory"/> pipelines (set <see cref="DelegatingHandler.InnerHandler"/> otherwise).</summary>
    public KeyBoxClientHandler(KeyBoxClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>A handler that sends through <paramref name="innerHandler"/>.</summary>
    public KeyBoxClientHandler(KeyBoxClientOptions options, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Add(request, "X-API-KEY", _options.ApiKey);
        Add(request, "X-API-URL", _options.SiteUrl?.AbsoluteUri);
        Add(request, "X-API-IP", _options.ClientIp);
        Add(request, "X-API-LANGUAGE", _options.Language);
        if (!string.IsNullOrEmpty(_options.BearerToken) && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static void Add(HttpRequestMessage request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !request.Headers.Contains(name))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
