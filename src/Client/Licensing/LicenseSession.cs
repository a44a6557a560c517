using System.Text.Json;
using KeyBox.Client.Licensing.Signing;

namespace KeyBox.Client.Licensing;

/// <summary>
/// One installation's license for one product, over the external API: <see cref="ActivateAsync"/> stores the
/// <c>license_data</c> the server returns (in memory and in the <see cref="ILicenseDataStore"/>), and
/// <see cref="VerifyAsync"/>, <see cref="DeactivateAsync"/> and <see cref="DownloadUpdateAsync"/> send it back.
/// Failures surface as <see cref="KeyBoxApiException{TResult}"/> of <see cref="ExternalError"/> (its <c>Code</c>, e.g.
/// <c>LICENSE_NOT_FOUND</c>, and <c>Message</c>), or <see cref="KeyBoxApiException{TResult}"/> of
/// <see cref="RateLimitExceededError"/> for 429. The client context (site URL, IP, language) comes from the
/// <see cref="KeyBoxClientOptions"/> of the <see cref="HttpClient"/> behind the clients.
/// </summary>
public sealed class LicenseSession
{
    private readonly IExternalLicensesClient _licenses;
    private readonly IExternalUpdatesClient _updates;
    private readonly ILicenseDataStore _store;
    private string? _licenseData;
    private bool _loaded;

    /// <summary>A session for <paramref name="productId"/> (the product's reference id) using the clients of <paramref name="api"/>.</summary>
    public LicenseSession(KeyBoxApi api, string productId, ILicenseDataStore? store = null)
        : this((api ?? throw new ArgumentNullException(nameof(api))).ExternalLicenses, api.ExternalUpdates, productId, store)
    {
    }

    /// <summary>A session over the given clients; <paramref name="store"/> defaults to an <see cref="InMemoryLicenseDataStore"/>.</summary>
    public LicenseSession(IExternalLicensesClient licenses, IExternalUpdatesClient updates, string productId, ILicenseDataStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(licenses);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentException.ThrowIfNullOrEmpty(productId);
        _licenses = licenses;
        _updates = updates;
        ProductId = productId;
        _store = store ?? new InMemoryLicenseDataStore();
    }

    /// <summary>The product's reference id, sent as <c>product_id</c>.</summary>
    public string ProductId { get; }

    /// <summary>The name this installation reports as <c>client_name</c> (optional).</summary>
    public string? ClientName { get; init; }

    /// <summary>
    /// Clients over an <see cref="HttpClient"/> that checks every signed answer (<see cref="ResponseSignatureHandler"/>: a
    /// fresh <c>KeyBox-Nonce</c> per request, the <c>KeyBox-Signature</c> over the exact body): give it to a session and a
    /// forged or replayed answer throws <see cref="KeyBoxSignatureException"/>. <paramref name="keys"/> defaults to the
    /// server's JWKS, fetched once (through <paramref name="innerHandler"/>) and cached; embed them with
    /// <see cref="KeyBoxSigningKeys.FromJwks"/> to trust no network answer at all.
    /// </summary>
    public static KeyBoxApi CreateVerifiedApi(KeyBoxClientOptions options, KeyBoxSigningKeys? keys = null, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = innerHandler ?? new HttpClientHandler();
        var baseAddress = KeyBoxHttpClient.WithTrailingSlash(options.BaseUrl);
        keys ??= KeyBoxSigningKeys.FromServer(new HttpClient(inner, disposeHandler: false) { BaseAddress = baseAddress });
        return new KeyBoxApi(new HttpClient(new KeyBoxClientHandler(options, new ResponseSignatureHandler(keys, inner))) { BaseAddress = baseAddress });
    }

    /// <summary>
    /// The offline activation request of a machine without network, as JSON:
    /// <c>{"product_id","license_code","fingerprint","client_name"}</c>. Carry it to a machine with network, post it to
    /// <c>/api/external/license/offline-activation</c> (or hand it to the vendor's console), and bring the license file
    /// back; verify it with a <see cref="LicenseFileVerifier"/>. <paramref name="fingerprint"/> defaults to
    /// <see cref="MachineFingerprint.ForProduct"/> (a hash of the machine's stable id and the product id).
    /// </summary>
    public string CreateOfflineActivationRequest(string licenseCode, string? fingerprint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(licenseCode);
        return JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["product_id"] = ProductId,
            ["license_code"] = licenseCode,
            ["fingerprint"] = fingerprint ?? MachineFingerprint.ForProduct(ProductId),
            ["client_name"] = ClientName,
        });
    }

    /// <summary>The stored <c>license_data</c> token, or <c>null</c> before activation (loads it from the store once).</summary>
    public async ValueTask<string?> GetLicenseDataAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            _licenseData = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            _loaded = true;
        }

        return _licenseData;
    }

    /// <summary>Activates <paramref name="licenseCode"/> here and stores the returned <c>license_data</c>.</summary>
    public async Task<ActivateLicenseResponse> ActivateAsync(string licenseCode, string? machineId = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(licenseCode);
        var response = await _licenses.ActivateLicenseAsync(new ActivateLicenseRequest
        {
            ProductId = ProductId,
            LicenseCode = licenseCode,
            ClientName = ClientName,
            MachineId = machineId,
            InstanceId = instanceId,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        var token = response.Data.LicenseData;
        await _store.SaveAsync(token, cancellationToken).ConfigureAwait(false);
        _licenseData = token;
        _loaded = true;
        return response;
    }

    /// <summary>Verifies the stored license data for this installation.</summary>
    public async Task<VerifyLicenseResponse> VerifyAsync(CancellationToken cancellationToken = default) =>
        await _licenses.VerifyLicenseAsync(await LicenseDataRequestAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Gives up this installation's activation (its seat is free at once) and forgets the license data.</summary>
    public async Task<DeactivateLicenseResponse> DeactivateAsync(CancellationToken cancellationToken = default)
    {
        var response = await _licenses.DeactivateLicenseAsync(await LicenseDataRequestAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        await _store.ClearAsync(cancellationToken).ConfigureAwait(false);
        _licenseData = null;
        return response;
    }

    /// <summary>Asks whether a version newer than <paramref name="currentVersion"/> exists (no license data needed).</summary>
    public Task<UpdateCheckResponse> CheckForUpdateAsync(string currentVersion, CancellationToken cancellationToken = default) =>
        _updates.CheckForUpdateAsync(new UpdateCheckRequest { ProductId = ProductId, CurrentVersion = currentVersion }, cancellationToken: cancellationToken);

    /// <summary>
    /// Downloads a version's file (<paramref name="type"/> <c>main</c> = zip, or <c>sql</c>) with the stored license data.
    /// Dispose the returned <see cref="FileResponse"/>; read its <c>Stream</c> (and <c>Headers</c>, e.g. X-Checksum-SHA256).
    /// </summary>
    public async Task<FileResponse> DownloadUpdateAsync(string updateId, string type = "main", CancellationToken cancellationToken = default)
    {
        var licenseData = await RequireLicenseDataAsync(cancellationToken).ConfigureAwait(false);
        return await _updates.DownloadUpdateAsync(updateId, type, new UpdateDownloadRequest { ProductId = ProductId, LicenseData = licenseData }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<LicenseDataRequest> LicenseDataRequestAsync(CancellationToken cancellationToken) => new()
    {
        ProductId = ProductId,
        LicenseData = await RequireLicenseDataAsync(cancellationToken).ConfigureAwait(false),
        ClientName = ClientName,
    };

    private async ValueTask<string> RequireLicenseDataAsync(CancellationToken cancellationToken) =>
        await GetLicenseDataAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("There is no license data: activate the license first.");
}
