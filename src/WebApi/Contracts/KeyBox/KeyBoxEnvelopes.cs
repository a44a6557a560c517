using System.Text.Json.Serialization;

namespace KeyBox.WebApi.Contracts.KeyBox;

// The global JSON policy is snake_case (for /api/...); the KeyBox root routes are camelCase, so every wire
// name on this surface is spelled out explicitly.

/// <summary>The KeyBox API's success envelope: <c>{"success":true,"message":"...","data":{...}}</c>.</summary>
public sealed record KeyBoxEnvelope<T>(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] T Data);

/// <summary>
/// The KeyBox API's error envelope (written by <c>ErrorEnvelopes</c>; declared here for the OpenAPI document):
/// <c>{"success":false,"message":"...","error":"CODE","errors":{"field":["..."]}}</c>, <c>errors</c> only for invalid input.
/// </summary>
public sealed record KeyBoxError(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors);
