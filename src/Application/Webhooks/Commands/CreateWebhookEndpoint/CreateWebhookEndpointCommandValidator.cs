using FluentValidation;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Webhooks.Commands.CreateWebhookEndpoint;

public sealed class CreateWebhookEndpointCommandValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointCommandValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(c => c.Url).NotEmpty().WithMessage("The url field is required.").AllowedTarget(options.Value);
    }
}
