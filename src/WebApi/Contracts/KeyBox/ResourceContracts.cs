using System.Text.Json.Serialization;
using KeyBox.Application.Customers;
using KeyBox.Application.Licenses;
using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Products;
using KeyBox.Domain.Licenses;

namespace KeyBox.WebApi.Contracts.KeyBox;

/// <summary><c>POST /clients</c>, <c>PUT</c> and <c>PATCH /clients/{id}</c>.</summary>
public sealed record ClientRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email);

/// <summary>A client (a customer of the vendor).</summary>
public sealed record ClientResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt)
{
    public static ClientResource From(CustomerDto customer) => new(customer.Id, customer.Name, customer.Email, customer.CreatedAt);
}

/// <summary>
/// <c>POST /projects</c>, <c>PUT</c> and <c>PATCH /projects/{id}</c>: <c>name</c> (or <c>projectName</c>), <c>clientId</c>
/// (null detaches the project from its client), and on creation only <c>duration</c> (months, 1–12) and <c>services</c>.
/// </summary>
public sealed record ProjectRequest
{
    private Guid? _clientId;

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("projectName")]
    public string? ProjectName { get; init; }

    [JsonPropertyName("clientId")]
    public Guid? ClientId
    {
        get => _clientId;
        init
        {
            _clientId = value;
            ClientIdSent = true;
        }
    }

    [JsonPropertyName("duration")]
    public int? Duration { get; init; }

    [JsonPropertyName("services")]
    public IReadOnlyList<string>? Services { get; init; }

    [JsonIgnore]
    public bool ClientIdSent { get; private init; }

    [JsonIgnore]
    public string? EitherName => Name ?? ProjectName;
}

/// <summary>A project (a product of the vendor). <c>referenceId</c> is its <c>product_id</c> on the other APIs.</summary>
public sealed record ProjectResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("clientId")] Guid? ClientId,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("referenceId")] string ReferenceId)
{
    public static ProjectResource From(ProductDto product) => new(product.Id, product.Name, product.CustomerId, product.CreatedAt, product.ReferenceId);
}

/// <summary>The <c>data</c> of <c>POST /projects</c>: the project, and the license issued with it (null without a duration).</summary>
public sealed record ProjectCreatedResource(
    [property: JsonPropertyName("project")] ProjectResource Project,
    [property: JsonPropertyName("license")] LicenseResource? License);

/// <summary><c>POST /license/create</c>.</summary>
public sealed record CreateLicenseRequest(
    [property: JsonPropertyName("duration")] int? Duration,
    [property: JsonPropertyName("clientId")] Guid? ClientId,
    [property: JsonPropertyName("projectId")] Guid? ProjectId,
    [property: JsonPropertyName("services")] IReadOnlyList<string>? Services);

/// <summary>
/// A license. <c>key</c> is what the client apps send; <c>status</c> is <c>pending</c> (never activated), <c>active</c>,
/// <c>expired</c> or <c>revoked</c>; <c>duration</c> in months (null for licenses with a fixed expiry made through the
/// internal API); <c>expiresAt</c> is null while pending (the duration starts at the first activation) or for a license
/// that never expires.
/// </summary>
public sealed record LicenseResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("duration")] int? Duration,
    [property: JsonPropertyName("services")] IReadOnlyList<string> Services,
    [property: JsonPropertyName("issuedAt")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("clientId")] Guid? ClientId,
    [property: JsonPropertyName("projectId")] Guid ProjectId)
{
    public static LicenseResource From(LicenseDto license) => new(
        license.Id, license.LicenseCode, KeyBoxStatus.Of(license.Status), license.DurationMonths, license.Services,
        license.CreatedAt, license.ExpiresAt, license.CustomerId, license.ProductId);

    public static LicenseResource From(ActivationResult result) => new(
        result.LicenseId, result.LicenseCode, KeyBoxStatus.Of(result.Status), result.Terms?.DurationMonths, result.Terms?.Services ?? [],
        result.Terms?.IssuedAt ?? result.Activation.ActivatedAt, result.ExpiresAt, result.Terms?.CustomerId, result.Terms?.ProductId ?? Guid.Empty);
}

/// <summary>The KeyBox names of license states: blocked is <c>revoked</c>, and so is a license marked not valid.</summary>
public static class KeyBoxStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    public static string Of(LicenseStatus status) => status switch
    {
        LicenseStatus.Pending => Pending,
        LicenseStatus.Active => Active,
        LicenseStatus.Expired => Expired,
        _ => Revoked,
    };
}
