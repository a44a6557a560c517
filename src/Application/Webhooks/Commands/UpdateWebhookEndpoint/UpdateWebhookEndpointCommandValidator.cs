using FluentValidation;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Webhooks.Commands.UpdateWebhookEndpoint;

public sealed class UpdateWebhookEndpointCommandValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointCommandValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(c => c.Url).AllowedTarget(options.Value);
    }
}
