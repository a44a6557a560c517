using FluentValidation;
using KeyBox.Domain.ApiKeys;

namespace KeyBox.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Type).NotNull().WithMessage("The type must be internal or external.").IsInEnum();
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("The expiry must be in the future.");
    }
}
