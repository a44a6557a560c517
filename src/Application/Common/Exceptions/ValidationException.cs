using FluentValidation.Results;

namespace KeyBox.Application.Common.Exceptions;

/// <summary>Input that does not have the right shape, grouped by field.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(errors.Values.SelectMany(e => e).FirstOrDefault() ?? "The given data was invalid.")
    {
        Errors = errors;
    }

    public ValidationException(IEnumerable<ValidationFailure> failures)
        : this(failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray()))
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
