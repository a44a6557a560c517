using System.Security.Cryptography;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Webhooks;

/// <summary>
/// A URL that receives signed event notifications. Its secret signs every body (HMAC-SHA256); it is generated
/// when not given and is shown only in the response that creates the endpoint.
/// </summary>
public sealed class WebhookEndpoint : Entity, IAggregateRoot
{
    public const int UrlMaxLength = 2048;
    public const int SecretMinLength = 16;
    public const int SecretMaxLength = 256;
    private const string GeneratedSecretPrefix = "whsec_";

    private List<string> _events = [];

    private WebhookEndpoint()
    {
        Url = string.Empty;
        Secret = string.Empty;
    }

    /// <summary>The account whose licenses this endpoint hears about (an administrator's endpoint hears about all).</summary>
    public Guid OwnerId { get; private set; }

    public string Url { get; private set; }

    public string Secret { get; private set; }

    /// <summary>The subscribed event types; empty = every event.</summary>
    public IReadOnlyList<string> Events => _events;

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookEndpoint Create(Guid ownerId, string url, string? secret, IReadOnlyList<string>? events, bool isActive, DateTimeOffset now) => new()
    {
        OwnerId = ownerId,
        Url = ValidateUrl(url),
        Secret = secret is null ? GenerateSecret() : ValidateSecret(secret),
        _events = ValidateEvents(events),
        IsActive = isActive,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Changes the endpoint; a null argument keeps the current value (an empty event list means every event).</summary>
    public void Update(string? url, string? secret, IReadOnlyList<string>? events, bool? isActive, DateTimeOffset now)
    {
        Url = url is null ? Url : ValidateUrl(url);
        Secret = secret is null ? Secret : ValidateSecret(secret);
        _events = events is null ? _events : ValidateEvents(events);
        IsActive = isActive ?? IsActive;
        UpdatedAt = now;
    }

    public bool Subscribes(string eventType) => _events.Count == 0 || _events.Contains(eventType, StringComparer.Ordinal);

    /// <summary>A new random secret: <c>whsec_</c> + 256 random bits in hex.</summary>
    public static string GenerateSecret() => GeneratedSecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>An absolute http(s) URL with a host, without credentials.</summary>
    public static string ValidateUrl(string? url)
    {
        var trimmed = Guard.Required(url, "Url", UrlMaxLength);
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw Guard.Invalid("Url", "The url must be an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Guard.Invalid("Url", "The url must not contain credentials.");
        }

        return trimmed;
    }

    private static string ValidateSecret(string secret)
    {
        if (secret.Length < SecretMinLength || secret.Length > SecretMaxLength || string.IsNullOrWhiteSpace(secret))
        {
            throw Guard.Invalid("Secret", $"The secret must be between {SecretMinLength} and {SecretMaxLength} characters long.");
        }

        return secret;
    }

    private static List<string> ValidateEvents(IReadOnlyList<string>? events)
    {
        if (events is null)
        {
            return [];
        }

        var unknown = events.Where(e => !WebhookEventTypes.IsKnown(e?.Trim() ?? string.Empty)).ToList();
        if (unknown.Count > 0)
        {
            throw Guard.Invalid("Events",
                $"Unknown event(s): {string.Join(", ", unknown.Select(e => $"'{e}'"))}. Known events: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        return events.Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToList();
    }
}
