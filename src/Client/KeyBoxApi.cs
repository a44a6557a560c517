namespace KeyBox.Client;

public partial class KeyBoxApi
{
    /// <summary>Every client over a new <see cref="HttpClient"/> made by <see cref="KeyBoxHttpClient.Create"/>.</summary>
    public static KeyBoxApi Create(KeyBoxClientOptions options, HttpMessageHandler? innerHandler = null) =>
        new(KeyBoxHttpClient.Create(options, innerHandler));
}
