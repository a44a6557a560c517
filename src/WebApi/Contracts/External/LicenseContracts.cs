using System.Text.Json.Serialization;
using KeyBox.Application.Licenses.Queries.CheckLicense;
using KeyBox.Domain.Licenses;
using KeyBox.WebApi.Http.Json;

namespace KeyBox.WebApi.Contracts.External;

public sealed record ActivateLicenseRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductId,
    [property: JsonConverter(typeof(LenientStringConverter))] string? LicenseCode,
    string? ClientName,
    string? VerifyType,
    [property: JsonConverter(typeof(LenientStringConverter))] string? MachineId,
    [property: JsonConverter(typeof(LenientStringConverter))] string? InstanceId);

/// <summary>Verify and deactivate: the token as <c>license_data</c> (or LicenseBox's <c>license_file</c>).</summary>
public sealed record LicenseDataRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductId,
    string? LicenseData,
    string? LicenseFile,
    [property: JsonConverter(typeof(LenientStringConverter))] string? LicenseCode,
    string? ClientName);

public sealed record CheckLicenseRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? LicenseCode,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductId);

public sealed record LicenseDataPayload(string LicenseData);

/// <summary>An activation: the token to store (<c>lic_response</c> / <c>data.license_data</c>) and the signed license file (JWT, EdDSA) for offline checks.</summary>
public sealed record ActivateLicenseResponse(bool IsActive, string Message, string LicResponse, LicenseDataPayload Data, string? LicenseFile);

/// <summary><c>POST /api/external/license/file</c>: the activation's token.</summary>
public sealed record LicenseFileRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductId,
    string? LicenseData);

/// <summary>A signed license file (JWT, EdDSA; verify it with <c>/.well-known/jwks.json</c>).</summary>
public sealed record LicenseFileResponse(bool IsActive, string Message, string LicenseFile);

/// <summary>
/// An offline activation request, as the client wrote it on a machine without network: the machine's
/// <c>fingerprint</c> (printable ASCII, at most 200 characters) becomes the activation's machine.
/// </summary>
public sealed record OfflineActivationRequest(
    [property: JsonConverter(typeof(LenientStringConverter))] string? ProductId,
    [property: JsonConverter(typeof(LenientStringConverter))] string? LicenseCode,
    string? Fingerprint,
    string? ClientName);

/// <summary>Offline deactivation: the license file of the seat to free.</summary>
public sealed record OfflineDeactivationRequest(string? LicenseFile);

public sealed record VerifyLicenseResponse(bool IsActive, string Message, object? Data);

public sealed record DeactivateLicenseResponse(bool IsActive, string Message);

public sealed record LicenseCheckData(
    string LicenseCode,
    string ProductId,
    LicenseStatus Status,
    LicenseType Type,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatesUntil,
    int ParallelUses,
    int ActiveActivations);

public sealed record CheckLicenseResponse(bool IsActive, string Message, string? Code, LicenseCheckData Data)
{
    public static CheckLicenseResponse From(LicenseCheckResult result) => new(
        result.IsUsable,
        result.Message,
        result.FailureCode,
        new LicenseCheckData(
            result.License.LicenseCode, result.License.ProductReferenceId, result.License.Status, result.License.Type,
            result.License.ExpiresAt, result.License.UpdatesUntil, result.License.ParallelUses, result.License.ActiveActivations));
}
