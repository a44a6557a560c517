using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using NJsonSchema;
using NJsonSchema.Generation;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Makes the response schemas say what the server guarantees, so that generated clients can rely on them:
/// <list type="bullet">
/// <item>Every property of a KeyBox wire type is <c>required</c> (present, possibly <c>null</c>): the server writes every
/// property (<c>JsonIgnoreCondition.Never</c>), except those declared <c>[JsonIgnore(Condition = WhenWriting...)]</c>.
/// Schemas that requests use are left without <c>required</c>: the API accepts partial bodies and validates them itself.</item>
/// <item>The <c>errors</c> of an error envelope is optional: <c>ErrorEnvelopes</c> adds it only for invalid input; an
/// error envelope may carry more fields (<see cref="Http.Errors.NullOnFailureAttribute"/>).</item>
/// <item>The <c>data</c> of a generic envelope (<c>InternalEnvelope&lt;T&gt;</c>, <c>KeyBoxEnvelope&lt;T&gt;</c>) is not
/// nullable: a type argument read from an attribute carries no nullability, which made every <c>data</c> nullable.</item>
/// <item>Responses without a description get one (generated clients use it as the exception message).</item>
/// <item>No document-wide security requirement: each operation states its own (<see cref="SurfaceSecurityProcessor"/>),
/// so anonymous operations (health, login, signup) are not shown as needing credentials.</item>
/// </list>
/// Register the same instance as a schema processor and as a document processor.
/// </summary>
internal sealed class ResponseContractsProcessor : ISchemaProcessor, IDocumentProcessor
{
    private const string ErrorsProperty = "errors";

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["400"] = "Invalid input.",
        ["401"] = "Missing, unknown, revoked or expired credentials.",
        ["403"] = "Refused: the credentials may not do this, a client context header is malformed, or a business rule refuses it.",
        ["404"] = "Not found.",
        ["409"] = "Conflicts with an existing resource.",
        ["413"] = "The body is larger than the configured limit.",
        ["422"] = "Invalid input.",
        ["429"] = "Rate limit exceeded; see Retry-After.",
    };

    // Schemas whose properties this processor marked required, with those property names.
    private readonly ConditionalWeakTable<JsonSchema, List<string>> _marked = new();

    public void Process(SchemaProcessorContext context)
    {
        var type = context.ContextualType.Type;
        if (type.Namespace?.StartsWith("KeyBox.", StringComparison.Ordinal) != true || context.Schema.Properties.Count == 0)
        {
            return;
        }

        var policy = (context.Settings as SystemTextJsonSchemaGeneratorSettings)?.SerializerOptions.PropertyNamingPolicy;
        var marked = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? policy?.ConvertName(property.Name) ?? property.Name;
            if (!context.Schema.Properties.TryGetValue(name, out var schemaProperty))
            {
                continue;
            }

            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: not JsonIgnoreCondition.Never } && schemaProperty.IsRequired is false)
            {
                schemaProperty.IsRequired = true;
                marked.Add(name);
            }

            if (type.IsConstructedGenericType)
            {
                MakeGenericDataNotNullable(type, property, schemaProperty);
            }
        }

        _marked.AddOrUpdate(context.Schema, marked);
    }

    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        document.Security.Clear();

        var requestSchemas = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var errorSchemas = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        foreach (var operation in document.Operations.Select(o => o.Operation))
        {
            foreach (var media in operation.RequestBody?.ActualRequestBody.Content.Values ?? [])
            {
                Collect(media.Schema, requestSchemas);
            }

            foreach (var parameter in operation.Parameters)
            {
                Collect(parameter.Schema, requestSchemas);
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (string.IsNullOrEmpty(response.Description))
                {
                    response.Description = Descriptions.TryGetValue(status, out var text)
                        ? text
                        : int.TryParse(status, out var code) ? ReasonPhrases.GetReasonPhrase(code) : status;
                }

                if (!status.StartsWith('2') && response.ActualResponse.Schema?.ActualSchema is { } error)
                {
                    errorSchemas.Add(error);
                }
            }
        }

        foreach (var schema in requestSchemas)
        {
            if (_marked.TryGetValue(schema, out var marked))
            {
                foreach (var name in marked)
                {
                    schema.Properties[name].IsRequired = false;
                }
            }
        }

        foreach (var schema in errorSchemas)
        {
            if (schema.Properties.TryGetValue(ErrorsProperty, out var errors))
            {
                errors.IsRequired = false;
            }

            // Some failures add fields to the envelope ([NullOnFailure]: "lic_response": null on activation).
            schema.AllowAdditionalProperties = true;
        }
    }

    /// <summary><c>T Data</c> of <c>Envelope&lt;T&gt;</c> is as nullable as its declaration says (<c>T?</c> or not).</summary>
    private static void MakeGenericDataNotNullable(Type type, PropertyInfo property, JsonSchemaProperty schemaProperty)
    {
        var declared = type.GetGenericTypeDefinition().GetProperty(property.Name);
        if (declared is null || !declared.PropertyType.IsGenericParameter || IsAnnotatedNullable(declared))
        {
            return;
        }

        schemaProperty.IsNullableRaw = null;
        if (schemaProperty.OneOf.Count == 1 && schemaProperty.Type == JsonObjectType.None)
        {
            var target = schemaProperty.OneOf.Single();
            schemaProperty.OneOf.Clear();
            schemaProperty.Reference = target.Reference ?? target;
        }
    }

    // `T?` of an unconstrained T is marked [Nullable(2)] by the compiler; `T` is not.
    private static bool IsAnnotatedNullable(PropertyInfo property) =>
        property.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableAttribute"
            && a.ConstructorArguments is [{ Value: (byte)2 }]);

    private static void Collect(JsonSchema? schema, HashSet<JsonSchema> seen)
    {
        var actual = schema?.ActualSchema;
        if (actual is null || !seen.Add(actual))
        {
            return;
        }

        foreach (var property in actual.ActualProperties.Values)
        {
            Collect(property, seen);
        }

        Collect(actual.Item, seen);
        foreach (var item in actual.Items)
        {
            Collect(item, seen);
        }

        Collect(actual.AdditionalPropertiesSchema, seen);
        foreach (var sub in actual.OneOf.Concat(actual.AllOf).Concat(actual.AnyOf))
        {
            Collect(sub, seen);
        }
    }
}
