using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using System.Text.Unicode;
using KeyBox.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KeyBox.WebApi.Http.Binding;

/// <summary>
/// Binds a request object of string properties from whatever the client sends: a JSON object (or LicenseBox's
/// empty <c>[]</c>), a form (urlencoded or multipart), or nothing at all; fields missing from the body are taken
/// from the query string. Names are the snake_case of the property names. JSON numbers and booleans are accepted
/// as their text. A body that is not valid JSON, or a field that is an object or array, is a 422.
/// </summary>
public sealed class LenientBodyBinder : IModelBinder
{
    private const long MaxJsonBytes = 1024 * 1024;
    private const string MalformedValue = "The JSON value is malformed or has the wrong type.";

    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var request = bindingContext.HttpContext.Request;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        if (request.HasJsonContentType())
        {
            if (!await ReadJsonAsync(request, values, bindingContext.ModelState, bindingContext.HttpContext.RequestAborted))
            {
                bindingContext.Result = ModelBindingResult.Failed();
                return;
            }
        }
        else if (request.HasFormContentType && request.ContentLength != 0)
        {
            // Such forms are a few short fields (LicenseBox's multipart downloads); reading them whole is fine.
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(bindingContext.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && ex is not BadHttpRequestException))
            {
                // A missing boundary, an unterminated multipart body (an empty one sent chunked), oversized fields.
                bindingContext.ModelState.AddModelError("body", "The form data is malformed.");
                bindingContext.Result = ModelBindingResult.Failed();
                return;
            }

            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }

        var model = Activator.CreateInstance(bindingContext.ModelType)!;
        foreach (var property in bindingContext.ModelType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) || !property.CanWrite)
            {
                continue;
            }

            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (!values.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
            {
                value = request.Query[name].ToString();
            }

            property.SetValue(model, string.IsNullOrEmpty(value) ? null : value);
        }

        bindingContext.Result = ModelBindingResult.Success(model);
    }

    private static async Task<bool> ReadJsonAsync(HttpRequest request, Dictionary<string, string?> values, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        // Such bodies are a few fields; reading them whole (up to a limit) lets an empty or blank body mean "no fields".
        var reader = request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted)
            {
                break;
            }

            if (result.Buffer.Length > MaxJsonBytes)
            {
                reader.AdvanceTo(result.Buffer.End);
                throw new DomainException(ErrorCodes.PayloadTooLarge, "The request body is too large.");
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var body = result.Buffer;
        JsonDocument document;
        try
        {
            if (IsBlank(body))
            {
                return true;
            }

            // Copied: the document must not outlive the pipe's buffers, which are returned below.
            var bytes = body.ToArray();
            if (!Utf8.IsValid(bytes))
            {
                // JsonDocument checks the encoding of a string only when it is read: refuse it here, as malformed JSON.
                modelState.AddModelError("body", MalformedValue);
                return false;
            }

            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            modelState.AddModelError("body", MalformedValue);
            return false;
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 0)
            {
                return true;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                modelState.AddModelError("body", MalformedValue);
                return false;
            }

            var valid = true;
            foreach (var field in root.EnumerateObject())
            {
                if (!TryGetString(() => field.Name, out var name) || name is null)
                {
                    modelState.AddModelError("body", MalformedValue);
                    valid = false;
                    continue;
                }

                switch (field.Value.ValueKind)
                {
                    case JsonValueKind.String when TryGetString(field.Value.GetString, out var text):
                        values[name] = text;
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        values[name] = field.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        modelState.AddModelError(name, MalformedValue);
                        valid = false;
                        break;
                }
            }

            return valid;
        }
    }

    /// <summary>
    /// Reads a JSON string; false when it cannot be one in .NET, as an escaped lone surrogate (<c>"\ud800"</c>), which
    /// is valid JSON text but no valid UTF-16 string.
    /// </summary>
    private static bool TryGetString(Func<string?> read, out string? value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> body)
    {
        foreach (var segment in body)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
