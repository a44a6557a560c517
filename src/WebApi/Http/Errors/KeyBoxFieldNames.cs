using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>
/// On the KeyBox surface an error is keyed by the field the client sent: a failure of the command property
/// <c>ConfirmPassword</c> is reported as <c>confirm_password</c> when the action's body declares that name with
/// <see cref="JsonPropertyNameAttribute"/>. Fields the body does not declare fall back to camelCase.
/// </summary>
public static class KeyBoxFieldNames
{
    private static readonly ConcurrentDictionary<(Type, string), string?> Cache = new();

    public static string? Of(string field, Endpoint? endpoint)
    {
        var bodyType = endpoint?.Metadata.GetMetadata<ControllerActionDescriptor>()?.Parameters
            .FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body)?.ParameterType;
        if (bodyType is null || field.Length == 0 || !char.IsAsciiLetter(field[0]))
        {
            return null;
        }

        return Cache.GetOrAdd((bodyType, field), static key => key.Item1
            .GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?
            .GetCustomAttribute<JsonPropertyNameAttribute>()?.Name);
    }
}
