using KeyBox.Domain.Common;

namespace KeyBox.Domain.Licenses;

/// <summary>Where a license is in use: a domain / IP / machine that holds one of its seats while active.</summary>
public sealed class Activation : Entity
{
    public const int DomainMaxLength = 253;
    public const int UrlMaxLength = 2000;
    public const int MachineIdMaxLength = 200;
    public const int InstanceIdMaxLength = 200;
    public const int ClientNameMaxLength = 200;
    public const int LanguageMaxLength = 50;

    private Activation()
    {
    }

    internal Activation(Guid licenseId, ActivationPlace place, DateTimeOffset now)
    {
        LicenseId = licenseId;
        Domain = place.Domain;
        Url = place.Url;
        MachineId = place.MachineId;
        Refresh(place, now);
        ActivatedAt = now;
        IsActive = true;
    }

    public Guid LicenseId { get; private set; }

    /// <summary>The host of the caller's X-API-URL, lower-cased; null when the caller sent none.</summary>
    public string? Domain { get; private set; }

    public string? Url { get; private set; }

    public string? Ip { get; private set; }

    public string? MachineId { get; private set; }

    public string? InstanceId { get; private set; }

    public string? ClientName { get; private set; }

    public string? Language { get; private set; }

    public DateTimeOffset ActivatedAt { get; private set; }

    public DateTimeOffset? LastVerifiedAt { get; private set; }

    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>
    /// Whether a request from <paramref name="place"/> is this activation's place: the same domain and the same machine.
    /// An activation bound to a machine is at no place that names none (a caller cannot match it by leaving
    /// <c>machineId</c> out); one bound to no machine is at no place that names one.
    /// </summary>
    public bool IsAt(ActivationPlace place) =>
        string.Equals(Domain, place.Domain, StringComparison.Ordinal)
        && string.Equals(MachineId, place.MachineId, StringComparison.Ordinal);

    /// <summary>
    /// Whether this activation serves <paramref name="instanceId"/>: an activation that holds no instance serves any; one
    /// that holds an instance serves only that one (not a caller naming none).
    /// </summary>
    public bool HoldsInstance(string? instanceId) =>
        InstanceId is null || string.Equals(InstanceId, instanceId, StringComparison.Ordinal);

    internal void Refresh(ActivationPlace place, DateTimeOffset now)
    {
        Url = place.Url ?? Url;
        Ip = place.Ip ?? Ip;
        InstanceId = place.InstanceId ?? InstanceId;
        ClientName = place.ClientName ?? ClientName;
        Language = place.Language ?? Language;
        LastVerifiedAt = now;
    }

    internal void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        DeactivatedAt = now;
    }

    internal void Reactivate(DateTimeOffset now)
    {
        IsActive = true;
        DeactivatedAt = null;
        ActivatedAt = now;
    }
}

/// <summary>The caller's place as its headers and body describe it.</summary>
public sealed record ActivationPlace(
    string? Domain,
    string? Url,
    string? Ip,
    string? MachineId = null,
    string? InstanceId = null,
    string? ClientName = null,
    string? Language = null)
{
    public static ActivationPlace Create(Uri? url, System.Net.IPAddress? ip, string? machineId, string? instanceId, string? clientName, string? language) => new(
        url is null ? null : DomainPattern.NormalizeHost(url.Host),
        Truncate(url?.ToString(), Activation.UrlMaxLength),
        ip?.ToString(),
        Truncate(Blank(machineId), Activation.MachineIdMaxLength),
        Truncate(Blank(instanceId), Activation.InstanceIdMaxLength),
        Truncate(Blank(clientName), Activation.ClientNameMaxLength),
        Truncate(Blank(language), Activation.LanguageMaxLength));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
