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

/// <summary>
/// A KeyBox API list: <c>data</c> is the array (as before paging existed) and <c>meta</c> tells whether more items
/// exist: <c>{"perPage":1000,"hasMore":true,"nextCursor":"..."}</c> (the <c>Link</c> header carries the next page's URL too).
/// </summary>
public sealed record KeyBoxList<T>(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] IReadOnlyList<T> Data,
    [property: JsonPropertyName("meta")] KeyBoxPageMeta Meta);

/// <summary>Where a KeyBox API list page ends: its size, whether more items exist, and the cursor of the next page.</summary>
public sealed record KeyBoxPageMeta(
    [property: JsonPropertyName("perPage")] int PerPage,
    [property: JsonPropertyName("hasMore")] bool HasMore,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);

/// <summary>
/// Paging of the KeyBox API lists, all optional: <c>perPage</c> (1 … the list cap, <c>Lists:MaxItems</c>, default and
/// most 1,000), then <c>cursor</c> from the previous page's <c>meta.nextCursor</c>, or a 1-based <c>page</c>.
/// </summary>
public sealed class KeyBoxPagingQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "perPage")]
    public int? PerPage { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; init; }
}
