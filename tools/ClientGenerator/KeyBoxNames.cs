using System.Globalization;
using System.Text;
using NJsonSchema;
using NJsonSchema.CodeGeneration;
using NSwag;
using NSwag.CodeGeneration;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace KeyBox.ClientGenerator;

/// <summary>
/// One client class per tag (<c>Internal: products</c> → <c>InternalProductsClient</c>), methods named after the
/// operationId without its surface prefix (<c>Internal_CreateProduct</c> → <c>CreateProductAsync</c>).
/// </summary>
internal sealed class KeyBoxOperationNameGenerator : IOperationNameGenerator
{
    public bool SupportsMultipleClients => true;

    public string GetClientName(OpenApiDocument document, string path, string httpMethod, OpenApiOperation operation) =>
        KeyBoxNames.Pascal(operation.Tags.FirstOrDefault() ?? "KeyBox");

    public string GetOperationName(OpenApiDocument document, string path, string httpMethod, OpenApiOperation operation)
    {
        var id = operation.OperationId ?? throw new InvalidOperationException($"{httpMethod.ToUpperInvariant()} {path} has no operationId.");
        var separator = id.IndexOf('_', StringComparison.Ordinal);
        return KeyBoxNames.Pascal(separator >= 0 ? id[(separator + 1)..] : id);
    }
}

/// <summary>
/// Parameters are camelCase words of their wire names (<c>per_page</c> → <c>perPage</c>, <c>X-API-URL</c> →
/// <c>xApiUrl</c>); the request body keeps its name (<c>request</c>).
/// </summary>
internal sealed class KeyBoxParameterNameGenerator : IParameterNameGenerator
{
    private readonly DefaultParameterNameGenerator _default = new();

    public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters)
    {
        if (parameter.Kind == OpenApiParameterKind.Body)
        {
            return _default.Generate(parameter, allParameters);
        }

        var name = KeyBoxNames.Camel(parameter.Name);
        return allParameters.Count(p => p != parameter && KeyBoxNames.Camel(p.Name) == name) == 0 ? name : _default.Generate(parameter, allParameters);
    }
}

/// <summary>DTO properties are PascalCase words of their JSON names (<c>license_code</c> → <c>LicenseCode</c>).</summary>
internal sealed class KeyBoxPropertyNameGenerator : IPropertyNameGenerator
{
    public string Generate(JsonSchemaProperty property) => KeyBoxNames.Pascal(property.Name);
}

internal static class KeyBoxNames
{
    /// <summary>Words split on anything not a letter or digit, each capitalised; an all-capitals word reads as a
    /// word (<c>API</c> → <c>Api</c>, <c>IP</c> → <c>Ip</c>), mixed case is kept (<c>KeyBox</c>).</summary>
    public static string Pascal(string text)
    {
        var result = new StringBuilder();
        foreach (var word in text.Split(c => !char.IsLetterOrDigit(c)))
        {
            if (word.Length == 0)
            {
                continue;
            }

            var rest = word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? word[1..].ToLowerInvariant() : word[1..];
            result.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(rest);
        }

        return result.Length == 0 ? "KeyBox" : result.ToString();
    }

    public static string Camel(string text)
    {
        var pascal = Pascal(text);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (isSeparator(c))
            {
                words.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        words.Add(current.ToString());
        return [.. words];
    }
}
