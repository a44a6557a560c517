using FluentValidation;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Commands.CreateLicense;

public sealed class CreateLicenseCommandValidator : AbstractValidator<CreateLicenseCommand>
{
    public CreateLicenseCommandValidator()
    {
        RuleFor(c => c.ProductReferenceId).NotEmpty();
        RuleFor(c => c.LicenseCode!).Must(BeAValidCode).WithMessage(UnavailableValue.LicenseCodeMessage)
            .When(c => !string.IsNullOrEmpty(c.LicenseCode));
        RuleFor(c => c.Type).IsInEnum();
        RuleFor(c => c.ParallelUses).InclusiveBetween(1, License.MaxParallelUses);
        RuleFor(c => c.DurationMonths).InclusiveBetween(1, License.MaxDurationMonths);
        RuleFor(c => c.DurationMonths).Null().When(c => c.ExpiresAt is not null).WithMessage("Give either expires_at or duration_months, not both.");
        RuleFor(c => c.Email!).EmailAddress().When(c => !string.IsNullOrEmpty(c.Email));
        RuleFor(c => c.Domains).Must(d => d is null || d.Count <= License.MaxListEntries).WithMessage($"At most {License.MaxListEntries} entries are allowed.");
        RuleForEach(c => c.Domains).Must(d => DomainPattern.TryNormalize(d, out _))
            .WithMessage((_, d) => $"'{d}' is not a valid domain: use a host such as example.com or *.example.com.");
        RuleFor(c => c.Ips).Must(d => d is null || d.Count <= License.MaxListEntries).WithMessage($"At most {License.MaxListEntries} entries are allowed.");
        RuleForEach(c => c.Ips).Must(ip => IpRule.TryNormalize(ip, out _))
            .WithMessage((_, ip) => $"'{ip}' is not a valid IP address or CIDR range.");
    }

    private static bool BeAValidCode(string code) => code.Trim().Length is >= 6 and <= LicenseCode.MaxLength
        && code.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');
}

