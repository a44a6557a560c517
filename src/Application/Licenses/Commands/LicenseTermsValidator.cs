using FluentValidation;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Commands;

/// <summary>
/// The rules a license's terms obey wherever they are set: included by <c>CreateLicenseCommandValidator</c> and
/// <c>UpdateLicenseCommandValidator</c>. A null field is not checked (an update keeps the current value).
/// </summary>
public sealed class LicenseTermsValidator : AbstractValidator<ILicenseTermsCommand>
{
    public LicenseTermsValidator()
    {
        RuleFor(c => c.Type).IsInEnum();
        RuleFor(c => c.ParallelUses).InclusiveBetween(1, License.MaxParallelUses);
        RuleFor(c => c.DurationMonths).InclusiveBetween(1, License.MaxDurationMonths);
        RuleFor(c => c.Email!).EmailAddress().When(c => !string.IsNullOrEmpty(c.Email));
        RuleFor(c => c.Domains).Must(d => d is null || d.Count <= License.MaxListEntries).WithMessage($"At most {License.MaxListEntries} entries are allowed.");
        RuleForEach(c => c.Domains).Must(d => DomainPattern.TryNormalize(d, out _))
            .WithMessage((_, d) => $"'{d}' is not a valid domain: use a host such as example.com or *.example.com.");
        RuleFor(c => c.Ips).Must(d => d is null || d.Count <= License.MaxListEntries).WithMessage($"At most {License.MaxListEntries} entries are allowed.");
        RuleForEach(c => c.Ips).Must(ip => IpRule.TryNormalize(ip, out _))
            .WithMessage((_, ip) => $"'{ip}' is not a valid IP address or CIDR range.");
    }
}
