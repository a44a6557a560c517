using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyBox.OpenApiExport;

/// <summary>
/// The checked-in form of the OpenAPI document (<c>src/Client/openapi.json</c>): the served JSON re-indented with
/// two spaces, LF line ends, a final newline, non-ASCII characters kept as they are. Comparisons normalise both
/// sides, so only content differences count.
/// </summary>
public static class OpenApiDocumentFile
{
    /// <summary>Where the API serves the document.</summary>
    public const string Route = "/swagger/v1/swagger.json";

    /// <summary>The document beside the client project, relative to the repository root.</summary>
    public const string CheckedInPath = "src/Client/openapi.json";

    private static readonly JsonSerializerOptions Format = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Normalize(string json) =>
        (JsonNode.Parse(json) ?? throw new InvalidDataException("The OpenAPI document is empty.")).ToJsonString(Format) + "\n";

    /// <summary>SHA-256 (hex) of the normalised document; the generated client records the one it was made from.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(json))));
}
