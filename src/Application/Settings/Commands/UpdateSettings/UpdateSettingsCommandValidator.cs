using FluentValidation;
using KeyBox.Domain.Settings;

namespace KeyBox.Application.Settings.Commands.UpdateSettings;

public sealed class UpdateSettingsCommandValidator : AbstractValidator<UpdateSettingsCommand>
{
    public UpdateSettingsCommandValidator()
    {
        RuleFor(c => c.LmRequestsRateLimitingPeriod)
            .InclusiveBetween(ServerSettings.MinRequestsPerMinute, ServerSettings.MaxRequestsPerMinute)
            .When(c => c.LmRequestsRateLimitingPeriod is not null)
            .WithMessage($"The lm_requests_rate_limiting_period must be a number of requests per minute between {ServerSettings.MinRequestsPerMinute} and {ServerSettings.MaxRequestsPerMinute}.");
        RuleFor(c => c.LmRequestsRateLimitingMethod)
            .Must(m => RateLimitMethods.TryParse(m, out _))
            .When(c => c.LmRequestsRateLimitingMethod is not null)
            .WithMessage($"The lm_requests_rate_limiting_method must be one of {string.Join(", ", RateLimitMethods.Names)}.");
    }
}
