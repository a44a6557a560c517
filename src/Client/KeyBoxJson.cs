using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyBox.Client;

/// <summary>The JSON settings of every generated client (wired in by tools/ClientGenerator).</summary>
public static class KeyBoxJson
{
    /// <summary>
    /// Request properties left <c>null</c> are not sent: the API reads an absent field as "keep the current value"
    /// (updates) or "use the default" (creates), while an explicit <c>null</c> may clear a value (e.g. a license's
    /// <c>expires_at</c>). Response properties the document marks required are checked when read.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
