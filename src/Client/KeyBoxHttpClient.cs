namespace KeyBox.Client;

/// <summary>Builds the <see cref="HttpClient"/> the generated clients share.</summary>
public static class KeyBoxHttpClient
{
    /// <summary>
    /// An <see cref="HttpClient"/> whose BaseAddress is <see cref="KeyBoxClientOptions.BaseUrl"/> and which sends the
    /// options' headers on every request, through <paramref name="innerHandler"/> (default: a new <see cref="HttpClientHandler"/>).
    /// In long-running applications prefer <see cref="KeyBoxServiceCollectionExtensions.AddKeyBoxClient"/> (pooled handlers).
    /// </summary>
    public static HttpClient Create(KeyBoxClientOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HttpClient(new KeyBoxClientHandler(options, innerHandler ?? new HttpClientHandler()))
        {
            BaseAddress = WithTrailingSlash(options.BaseUrl),
        };
    }

    /// <summary>Generated clients use relative paths (<c>api/...</c>): a base URL with a path must end with a slash.</summary>
    internal static Uri WithTrailingSlash(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }
}
