using FluentValidation;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Licenses;

/// <summary>
/// KeyBox-style licenses: one seat, a duration of 1 to 12 months that starts at the first activation (pending until
/// then), optional service names, issued for a product (project) to its owner's customer (client).
/// </summary>
internal static class DurationLicenses
{
    public const int MaxMonths = 12;
    public const int MaxServiceLength = 100;

    public static License Issue(Product product, Customer? customer, int months, IReadOnlyList<string>? services, DateTimeOffset now)
    {
        if (customer is not null && customer.OwnerId != product.OwnerId)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The client and the project belong to different accounts.", "ClientId");
        }

        return License.Create(
            product.OwnerId,
            product.Id,
            customer?.Id,
            licenseCode: null,
            new LicenseTerms(Type: LicenseType.Subscription, Email: customer?.Email, ParallelUses: 1, DurationMonths: months, Services: services),
            now);
    }

    /// <summary>The shape rules of a duration and a service list, shared by every command that issues such a license.</summary>
    public static void ValidDuration<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxMonths).WithMessage($"The duration must be between 1 and {MaxMonths} months.");

    public static void ValidServices<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(s => s is null || s.Count <= License.MaxListEntries).WithMessage($"At most {License.MaxListEntries} services are allowed.")
            .Must(s => s is null || s.All(x => !string.IsNullOrWhiteSpace(x) && x.Trim().Length <= MaxServiceLength))
            .WithMessage($"Each service must be a non-empty name of at most {MaxServiceLength} characters.");
}
