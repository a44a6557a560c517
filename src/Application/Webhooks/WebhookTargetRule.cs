using FluentValidation;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Application.Webhooks;

internal static class WebhookTargetRule
{
    /// <summary>Refuses a URL whose host is a literal address that is not public (loopback, private, link-local or any other special-purpose range) unless the operator allows such targets.</summary>
    public static IRuleBuilderOptions<T, string?> AllowedTarget<T>(this IRuleBuilder<T, string?> rule, WebhookOptions options) =>
        rule.Must(url => options.AllowPrivateTargets || url is null || !WebhookTargets.IsForbiddenLiteral(url))
            .WithMessage("The url points to an address that is not public (loopback, private, link-local or another special-purpose range), which webhooks may not reach (see Webhooks:AllowPrivateTargets).");
}
