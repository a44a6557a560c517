using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Common.Quotas;

/// <summary>
/// <c>Quotas:*</c> — what one self-registered (DEVELOPER) account may hold; 0 = unlimited. Admins (and the system) are
/// never limited.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    public int MaxProducts { get; set; } = 100;

    public int MaxLicenses { get; set; } = 100_000;

    public int MaxWebhookEndpoints { get; set; } = 20;

    /// <summary>Bytes of version files (main and sql) an account may store (default 10 GiB).</summary>
    public long MaxStoredBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Versions one product may have (default 1,000), for every account, admins included: it is what bounds the
    /// version list (sorted by semantic version, so not keyset-paged). 0 = unlimited.
    /// </summary>
    public int MaxVersionsPerProduct { get; set; } = 1000;
}

/// <summary>
/// Checks a developer's quotas before a create: counts the account's rows (one indexed COUNT through the owner-scoped
/// read store) and refuses with 403 <c>QUOTA_EXCEEDED</c> when the new item would go beyond the limit. A check, not a
/// lock: creations racing each other may each pass and overshoot by at most the number running at the same instant.
/// </summary>
public sealed class AccountQuotas(IReadStore store, ICurrentActor actor, IOptions<QuotaOptions> options)
{
    private bool Limited => !actor.SeesEverything && actor.UserId is not null;

    public async Task EnsureProductAllowedAsync(CancellationToken cancellationToken)
    {
        if (Limited && options.Value.MaxProducts > 0 && await store.Products.CountAsync(cancellationToken) >= options.Value.MaxProducts)
        {
            throw Exceeded($"This account may hold at most {options.Value.MaxProducts} products.");
        }
    }

    public async Task EnsureLicenseAllowedAsync(CancellationToken cancellationToken)
    {
        if (Limited && options.Value.MaxLicenses > 0 && await store.Licenses.CountAsync(cancellationToken) >= options.Value.MaxLicenses)
        {
            throw Exceeded($"This account may hold at most {options.Value.MaxLicenses} licenses.");
        }
    }

    public async Task EnsureWebhookEndpointAllowedAsync(CancellationToken cancellationToken)
    {
        if (Limited && options.Value.MaxWebhookEndpoints > 0 && await store.WebhookEndpoints.CountAsync(cancellationToken) >= options.Value.MaxWebhookEndpoints)
        {
            throw Exceeded($"This account may hold at most {options.Value.MaxWebhookEndpoints} webhook endpoints.");
        }
    }

    /// <summary>How many more bytes of files the account may store (<see cref="long.MaxValue"/> when unlimited); <paramref name="replacing"/> is freed by the upload.</summary>
    public async Task<long> StorageLeftAsync(long replacing, CancellationToken cancellationToken)
    {
        if (!Limited || options.Value.MaxStoredBytes <= 0)
        {
            return long.MaxValue;
        }

        var used = await store.Versions
            .Where(v => store.Products.Any(p => p.Id == v.ProductId))
            .SumAsync(v => (v.MainFile == null ? 0L : v.MainFile.Size) + (v.SqlFile == null ? 0L : v.SqlFile.Size), cancellationToken);
        return Math.Max(0, options.Value.MaxStoredBytes - used + replacing);
    }

    /// <summary>Refuses a new version of <paramref name="productId"/> beyond <see cref="QuotaOptions.MaxVersionsPerProduct"/> (every account).</summary>
    public async Task EnsureVersionAllowedAsync(Guid productId, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxVersionsPerProduct;
        if (max > 0 && await store.Versions.CountAsync(v => v.ProductId == productId, cancellationToken) >= max)
        {
            throw Exceeded($"A product may have at most {max} versions.");
        }
    }

    public DomainException StorageExceeded() => Exceeded($"This account may store at most {options.Value.MaxStoredBytes} bytes of files.");

    private static DomainException Exceeded(string message) => new(ErrorCodes.QuotaExceeded, message);
}
