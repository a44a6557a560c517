using KeyBox.Client;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Sdk;

// The generated client class, not the test namespace KeyBox.WebApi.IntegrationTests.KeyBoxApi (named after its folder).
using KeyBoxApi = global::KeyBox.Client.KeyBoxApi;

/// <summary>Tests that call the server in the test host through the generated KeyBox.Client.</summary>
public abstract class SdkTest : IntegrationTest
{
    private readonly List<HttpClient> _clients = [];

    /// <summary>All clients over an <see cref="HttpClient"/> of the test server that sends <paramref name="options"/>' headers.</summary>
    protected KeyBoxApi Api(KeyBoxClientOptions options)
    {
        var http = Server.CreateDefaultClient(new Uri("http://localhost/"), new KeyBoxClientHandler(options));
        _clients.Add(http);
        return new KeyBoxApi(http);
    }

    protected KeyBoxApi InternalApi() => Api(new KeyBoxClientOptions { ApiKey = KeyBoxFactory.InternalKey });

    protected KeyBoxApi ExternalApi(string siteUrl = "https://shop.example.com/", string? ip = null) =>
        Api(new KeyBoxClientOptions { ApiKey = KeyBoxFactory.ExternalKey, SiteUrl = new Uri(siteUrl), ClientIp = ip, Language = "en" });

    [TearDown]
    public void DisposeSdkClients()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    /// <summary>Awaits <paramref name="call"/> and returns the typed exception it must throw.</summary>
    protected static async Task<KeyBoxApiException<TError>> FailureOf<TError>(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (KeyBoxApiException<TError> exception)
        {
            return exception;
        }

        throw new AssertionException($"Expected a KeyBoxApiException<{typeof(TError).Name}>, but the call succeeded.");
    }
}
