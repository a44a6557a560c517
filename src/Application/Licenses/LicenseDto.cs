using System.Linq.Expressions;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses;

public sealed record LicenseDto(
    Guid Id,
    string LicenseCode,
    Guid ProductId,
    string ProductReferenceId,
    Guid? CustomerId,
    string? CustomerReference,
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
    Guid OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ActivationDto(
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
    DateTimeOffset? DeactivatedAt);

/// <summary>
/// The row a license query reads, before the clock turns it into a <see cref="LicenseDto"/>. A class with
/// init-only members (not a positional record) so EF Core can keep composing filters after the projection;
/// public because the listing's SQL reader (<c>ILicensePageReader</c>) in Infrastructure fills it too.
/// </summary>
public sealed class LicenseRow
{
    public Guid Id { get; init; }

    public string LicenseCode { get; init; } = string.Empty;

    public Guid ProductId { get; init; }

    public string ProductReferenceId { get; init; } = string.Empty;

    public Guid? CustomerId { get; init; }

    public string? CustomerReference { get; init; }

    public LicenseType Type { get; init; }

    public string? Email { get; init; }

    public int ParallelUses { get; init; }

    public int ActiveActivations { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? DurationMonths { get; init; }

    public DateTimeOffset? UpdatesUntil { get; init; }

    public IReadOnlyList<string> Domains { get; init; } = [];

    public IReadOnlyList<string> Ips { get; init; } = [];

    public IReadOnlyList<string> Services { get; init; } = [];

    public bool IsValid { get; init; }

    public bool IsBlocked { get; init; }

    public bool IsEnvato { get; init; }

    public DateTimeOffset? FirstActivatedAt { get; init; }

    public Guid OwnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public LicenseDto ToDto(DateTimeOffset now) => new(
        Id, LicenseCode, ProductId, ProductReferenceId, CustomerId, CustomerReference, Type,
        License.DeriveStatus(IsBlocked, IsValid, ExpiresAt, DurationMonths, FirstActivatedAt, now),
        Email, ParallelUses, ActiveActivations, ExpiresAt, DurationMonths, UpdatesUntil, Domains, Ips, Services,
        IsValid, IsBlocked, IsEnvato, FirstActivatedAt, OwnerId, CreatedAt, UpdatedAt);
}

internal static class LicenseProjection
{
    public static ActivationDto ToDto(this Activation a) => new(
        a.Id, a.LicenseId, a.Domain, a.Url, a.Ip, a.MachineId, a.InstanceId, a.ClientName, a.Language, a.IsActive, a.ActivatedAt, a.LastVerifiedAt, a.DeactivatedAt);

    public static Expression<Func<Activation, ActivationDto>> ActivationSelector => a => new ActivationDto(
        a.Id, a.LicenseId, a.Domain, a.Url, a.Ip, a.MachineId, a.InstanceId, a.ClientName, a.Language, a.IsActive, a.ActivatedAt, a.LastVerifiedAt, a.DeactivatedAt);
}
