using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Common;

namespace KeyBox.WebUI.Components.Shared;

/// <summary>
/// What the core refused, for a form: messages per field (the command's property names, as the validators and
/// <see cref="DomainException.Field"/> name them) and messages that belong to no field. Built from the same
/// exceptions every API surface maps to its envelope; nothing else (a stack trace, an exception type) is shown.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string[]> _fields;

    public FormErrors(IReadOnlyDictionary<string, string[]> fields, IReadOnlyList<string> general)
    {
        _fields = new Dictionary<string, string[]>(fields, StringComparer.OrdinalIgnoreCase);
        General = general;
    }

    /// <summary>Messages that concern no one field.</summary>
    public IReadOnlyList<string> General { get; }

    public IReadOnlyDictionary<string, string[]> Fields => _fields;

    /// <summary>The messages of one field, joined; null when it has none.</summary>
    public string? For(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>
    /// The messages of a list field and of its entries (a validator's <c>RuleForEach</c> names them <c>Domains[0]</c>,
    /// <c>Domains[1]</c>, …), joined; null when there are none.
    /// </summary>
    public string? ForList(string field)
    {
        var messages = _fields.Where(f => IsListField(f.Key, field)).SelectMany(f => f.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    public bool HasList(string field) => _fields.Keys.Any(k => IsListField(k, field));

    /// <summary>The messages a form does not show beside one of its <paramref name="shown"/> fields (or their entries), with the general ones.</summary>
    public IReadOnlyList<string> NotBeside(params string[] shown) =>
        [.. General, .. _fields.Where(f => !shown.Any(s => IsListField(f.Key, s))).SelectMany(f => f.Value)];

    private static bool IsListField(string key, string field) =>
        string.Equals(key, field, StringComparison.OrdinalIgnoreCase)
        || (key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) && key.EndsWith(']'));

    public string Summary => string.Join(" ", General.Concat(_fields.Values.SelectMany(m => m)));

    public static FormErrors Message(string message) => new(new Dictionary<string, string[]>(), [message]);

    /// <summary>The errors an exception from the core stands for; null for an unexpected failure (let it be handled as one).</summary>
    public static FormErrors? TryFrom(Exception exception) => exception switch
    {
        ValidationException validation => new FormErrors(validation.Errors, []),
        DomainException { Field: { Length: > 0 } field } domain => new FormErrors(new Dictionary<string, string[]> { [field] = [domain.Message] }, []),
        DomainException domain => Message(domain.Message),
        RateLimitedException limited => Message(limited.Message),
        _ => null,
    };
}
