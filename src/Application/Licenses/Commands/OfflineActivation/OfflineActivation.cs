using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Licenses.Files;
using KeyBox.Domain.Licenses;
using FluentValidation;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.OfflineActivation;

/// <summary>
/// Offline (air-gapped) activation: the activation request a machine without network wrote — product, license code,
/// machine fingerprint — relayed by someone who has network. It takes a seat exactly like an online activation whose
/// machine is the fingerprint (the same fingerprint again refreshes that seat) and answers with the license file.
/// </summary>
public sealed record OfflineActivationCommand(string? ProductReferenceId, string? LicenseCode, string? Fingerprint, ActivationPlace Place) : ICommand<ActivationResult>;

public sealed class OfflineActivationCommandHandler(ISender sender) : ICommandHandler<OfflineActivationCommand, ActivationResult>
{
    public ValueTask<ActivationResult> Handle(OfflineActivationCommand command, CancellationToken cancellationToken) =>
        sender.Send(
            new ActivateLicenseCommand(command.ProductReferenceId, command.LicenseCode!, command.Place with { MachineId = command.Fingerprint, InstanceId = null }),
            cancellationToken);
}

public sealed class OfflineActivationCommandValidator : AbstractValidator<OfflineActivationCommand>
{
    public OfflineActivationCommandValidator()
    {
        RuleFor(c => c.ProductReferenceId).NotEmpty().WithMessage("The product_id field is required.");
        RuleFor(c => c.LicenseCode).NotEmpty().WithMessage("The license_code field is required.").MaximumLength(LicenseCode.MaxLength);
        RuleFor(c => c.Fingerprint)
            .NotEmpty().WithMessage("The fingerprint field is required.")
            .MaximumLength(LicenseFiles.FingerprintMaxLength).WithMessage($"The fingerprint may not be longer than {LicenseFiles.FingerprintMaxLength} characters.")
            .Must(LicenseFiles.IsWellFormedFingerprint).WithMessage("The fingerprint may only hold printable ASCII characters, without spaces.");
    }
}
