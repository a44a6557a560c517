using System.Text;

namespace KeyBox.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, $"The {Humanize(field)} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw Invalid(field, $"The {Humanize(field)} must not be longer than {maxLength} characters.");
        }

        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, field, maxLength);

    /// <summary>A rule broken by one input field, named by its property name (e.g. <c>ReferenceId</c>).</summary>
    public static DomainException Invalid(string field, string message) => new(ErrorCodes.ValidationFailed, message, field);

    /// <summary><c>ReferenceId</c> → <c>reference id</c>.</summary>
    public static string Humanize(string field)
    {
        var builder = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
