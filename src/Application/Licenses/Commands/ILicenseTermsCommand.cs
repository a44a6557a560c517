using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Commands;

/// <summary>The license terms a create or update command may carry; <see cref="LicenseTermsValidator"/> checks them.</summary>
public interface ILicenseTermsCommand
{
    LicenseType? Type { get; }
    string? Email { get; }
    int? ParallelUses { get; }
    int? DurationMonths { get; }
    IReadOnlyList<string>? Domains { get; }
    IReadOnlyList<string>? Ips { get; }
}
