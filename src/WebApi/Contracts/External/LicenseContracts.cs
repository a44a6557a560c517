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

public sealed record ActivateLicenseResponse(bool IsActive, string Message, string LicResponse, LicenseDataPayload Data);

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
