using System.Text.Json.Serialization;
using KeyBox.Application.Licenses;
using KeyBox.Domain.Licenses;
using KeyBox.WebApi.Http.Json;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record CreateLicenseRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductReferenceId,
    string? LicenseCode,
    LicenseType? Type,
    [property: JsonConverter(typeof(LenientStringConverter))] string? CustomerId,
    string? Email,
    int? ParallelUses,
    DateTimeOffset? ExpiresAt,
    int? DurationMonths,
    DateTimeOffset? UpdatesUntil,
    IReadOnlyList<string>? Domains,
    IReadOnlyList<string>? Ips,
    IReadOnlyList<string>? Services,
    bool? IsValid,
    bool? IsEnvato);

/// <summary>
/// A partial update: omitted fields keep their values; <c>expires_at</c> / <c>updates_until</c> sent as null clear them.
/// </summary>
public sealed class UpdateLicenseRequest
{
    private DateTimeOffset? _expiresAt;
    private DateTimeOffset? _updatesUntil;

    public LicenseType? Type { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? CustomerId { get; init; }

    public string? Email { get; init; }

    public int? ParallelUses { get; init; }

    public DateTimeOffset? ExpiresAt
    {
        get => _expiresAt;
        init
        {
            _expiresAt = value;
            ExpiresAtSent = true;
        }
    }

    public int? DurationMonths { get; init; }

    public DateTimeOffset? UpdatesUntil
    {
        get => _updatesUntil;
        init
        {
            _updatesUntil = value;
            UpdatesUntilSent = true;
        }
    }

    public IReadOnlyList<string>? Domains { get; init; }

    public IReadOnlyList<string>? Ips { get; init; }

    public IReadOnlyList<string>? Services { get; init; }

    public bool? IsValid { get; init; }

    public bool? IsEnvato { get; init; }

    [JsonIgnore]
    public bool ExpiresAtSent { get; private init; }

    [JsonIgnore]
    public bool UpdatesUntilSent { get; private init; }
}

/// <summary>An admin-made activation's place: the installation's URL (its host is the domain), IP, machine id and a name; all optional.</summary>
public sealed record ActivateForCustomerRequest(
    string? Url,
    string? Ip,
    string? MachineId,
    string? ClientName);

public sealed record LicenseResource(
    Guid Id,
    string LicenseCode,
    string ProductReferenceId,
    string? CustomerId,
    LicenseType Type,
    LicenseStatus Status,
    string? Email,
    int ParallelUses,
    int ActiveActivations,
    DateTimeOffset? ExpiresAt,
    int? DurationMonths,
    DateTimeOffset? UpdatesUntil,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Ips,
    IReadOnlyList<string> Services,
    bool IsValid,
    bool IsBlocked,
    bool IsEnvato,
    DateTimeOffset? FirstActivatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static LicenseResource From(LicenseDto l) => new(
        l.Id, l.LicenseCode, l.ProductReferenceId, l.CustomerReference, l.Type, l.Status, l.Email, l.ParallelUses, l.ActiveActivations,
        l.ExpiresAt, l.DurationMonths, l.UpdatesUntil, l.Domains, l.Ips, l.Services, l.IsValid, l.IsBlocked, l.IsEnvato,
        l.FirstActivatedAt, l.CreatedAt, l.UpdatedAt);
}

public sealed record ActivationResource(
    Guid Id,
    Guid LicenseId,
    string? Domain,
    string? Url,
    string? Ip,
    string? MachineId,
    string? InstanceId,
    string? ClientName,
    string? Language,
    bool IsActive,
    DateTimeOffset ActivatedAt,
    DateTimeOffset? LastVerifiedAt,
    DateTimeOffset? DeactivatedAt)
{
    public static ActivationResource From(ActivationDto a) =>
        new(a.Id, a.LicenseId, a.Domain, a.Url, a.Ip, a.MachineId, a.InstanceId, a.ClientName, a.Language, a.IsActive, a.ActivatedAt, a.LastVerifiedAt, a.DeactivatedAt);
}

public sealed class LicenseListQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "search")]
    public string? Search { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "product_reference_id")]
    public string? ProductReferenceId { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "customer_id")]
    public string? CustomerId { get; init; }

    /// <summary>pending, active, expired, blocked or invalid: the licenses in that status now.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>The status asked for; 422 naming <c>status</c> when it is none of the statuses.</summary>
    public LicenseStatus? ParsedStatus()
    {
        if (string.IsNullOrWhiteSpace(Status))
        {
            return null;
        }

        foreach (var status in Enum.GetValues<LicenseStatus>())
        {
            if (string.Equals(status.ToString(), Status.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw Application.Common.Exceptions.ValidationException.For("status", "The status must be pending, active, expired, blocked or invalid.");
    }
}
