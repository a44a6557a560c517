using System.Text.Json.Serialization;
using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Licenses.Queries.ValidateLicense;
using KeyBox.Domain.Licenses;

namespace KeyBox.WebApi.Contracts.KeyBox;

/// <summary>What the KeyBox SDKs send to <c>POST /validate</c> and <c>POST /validate/activate</c> (no credentials).</summary>
public sealed record ValidateRequest(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("productName")] string? ProductName,
    [property: JsonPropertyName("instanceId")] string? InstanceId,
    [property: JsonPropertyName("machineId")] string? MachineId)
{
    /// <summary>Not on the wire: names the activation command's <c>LicenseCode</c> <c>key</c> in error field lists.</summary>
    [JsonIgnore]
    [JsonPropertyName("key")]
    public string? LicenseCode => Key;
}

/// <summary>
/// <c>POST /validate/activate</c> on success. <c>activatedAt</c> and <c>expiresAt</c> are ISO 8601 (UTC);
/// <c>expiresAt</c> is null for a license that never expires. <c>data</c> is the license.
/// </summary>
public sealed record ActivateResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("machineId")] string? MachineId,
    [property: JsonPropertyName("instanceId")] string? InstanceId,
    [property: JsonPropertyName("activatedAt")] DateTimeOffset ActivatedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] LicenseResource Data,
    [property: JsonPropertyName("license_file")] string? LicenseFile)
{
    public const string Activated = "License activated successfully";
    public const string AlreadyActivated = "License already activated on this machine";

    public static ActivateResponse From(ActivationResult result) => new(
        true,
        result.SameInstanceAgain ? AlreadyActivated : Activated,
        result.Activation.MachineId,
        result.Activation.InstanceId,
        result.Activation.ActivatedAt,
        result.ExpiresAt,
        true,
        KeyBoxStatus.Of(result.Status),
        LicenseResource.From(result),
        result.LicenseFile);
}

/// <summary>
/// <c>POST /validate</c>: always HTTP 200 with <c>valid</c> (true only for <c>active</c>) and <c>status</c>; <c>success</c>
/// equals <c>valid</c>. <c>expiresAt</c> is epoch milliseconds (a JSON number) or null. <c>data</c> is null for an
/// unknown key.
/// </summary>
public sealed record ValidateResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("expiresAt")] long? ExpiresAt,
    [property: JsonPropertyName("data")] ValidatedLicense? Data)
{
    public static ValidateResponse From(LicenseValidation result)
    {
        var status = StatusOf(result.Outcome);
        var message = result.Outcome switch
        {
            PlaceCheckOutcome.Active => "License is valid",
            PlaceCheckOutcome.Pending => "License has not been activated yet",
            PlaceCheckOutcome.Expired => "License has expired",
            PlaceCheckOutcome.Revoked => "License has been revoked",
            PlaceCheckOutcome.MachineMismatch => "License is activated on another machine",
            PlaceCheckOutcome.InstanceMismatch => "License is activated on this machine for another instance",
            PlaceCheckOutcome.MachineRequired => "machineId is required",
            PlaceCheckOutcome.InstanceRequired => "instanceId is required",
            _ when result.LicenseCode is null => "Invalid license key",
            _ => result.Message,
        };
        var data = result.LicenseCode is null
            ? null
            : new ValidatedLicense(
                result.LicenseCode,
                result.ProductName,
                result.Status is { } licenseStatus ? KeyBoxStatus.Of(licenseStatus) : status,
                result.DurationMonths,
                result.Services,
                EpochMilliseconds(result.ExpiresAt),
                result.Activation?.MachineId,
                result.Activation?.InstanceId,
                EpochMilliseconds(result.Activation?.ActivatedAt));
        return new ValidateResponse(result.IsValid, result.IsValid, status, message, EpochMilliseconds(result.ExpiresAt), data);
    }

    public static string StatusOf(PlaceCheckOutcome outcome) => outcome switch
    {
        PlaceCheckOutcome.Active => "active",
        PlaceCheckOutcome.Pending => "pending",
        PlaceCheckOutcome.Expired => "expired",
        PlaceCheckOutcome.Revoked => "revoked",
        PlaceCheckOutcome.MachineMismatch or PlaceCheckOutcome.MachineRequired => "machine_mismatch",
        PlaceCheckOutcome.InstanceMismatch or PlaceCheckOutcome.InstanceRequired => "instance_mismatch",
        _ => "invalid",
    };

    private static long? EpochMilliseconds(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();
}

/// <summary>
/// The license a validation found: <c>status</c> is the license's own (<c>pending</c>, <c>active</c>, <c>expired</c>,
/// <c>revoked</c>); the activation fields are the caller's activation, null unless valid — so they only ever repeat the
/// <c>machineId</c> (and <c>instanceId</c>) the caller presented, never another activation's. Times are epoch milliseconds.
/// </summary>
public sealed record ValidatedLicense(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("productName")] string? ProductName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("duration")] int? Duration,
    [property: JsonPropertyName("services")] IReadOnlyList<string> Services,
    [property: JsonPropertyName("expiresAt")] long? ExpiresAt,
    [property: JsonPropertyName("machineId")] string? MachineId,
    [property: JsonPropertyName("instanceId")] string? InstanceId,
    [property: JsonPropertyName("activatedAt")] long? ActivatedAt);
