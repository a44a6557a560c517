using System.Text.Json;
using System.Text.RegularExpressions;
using KeyBox.Domain.Common;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>A failure to report, before it is shaped into a surface's envelope.</summary>
public sealed record ApiError(int Status, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>
    /// The body itself could not be read (not JSON, not UTF-8, a field of the wrong JSON type): a 400 on the
    /// LicenseBox routes, where business failures are answered 200 (their clients never send such a body).
    /// </summary>
    public bool MalformedBody { get; init; }

    public static ApiError FromCode(string code, string message, string? field = null) =>
        new(StatusOf(code), code, message, field is null ? null : new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The status a code has on the internal, external and KeyBox surfaces.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.NotFound or ErrorCodes.AmbiguousVersion => StatusCodes.Status404NotFound,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ when code.EndsWith("_NOT_FOUND", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status403Forbidden,
    };
}

/// <summary>Field names in error dictionaries follow the surface's naming: <c>reference_id</c> or <c>referenceId</c>.</summary>
public static partial class FieldNames
{
    public static string Convert(string field, JsonNamingPolicy policy)
    {
        var cleaned = field.StartsWith("$.", StringComparison.Ordinal) ? field[2..] : field.TrimStart('$');
        if (cleaned.Length == 0)
        {
            return "body";
        }

        var segments = IndexPattern().Replace(cleaned, ".$1").Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('.', segments.Select(s => s.All(char.IsAsciiDigit) || s.Contains('_', StringComparison.Ordinal) ? s : policy.ConvertName(s)));
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
