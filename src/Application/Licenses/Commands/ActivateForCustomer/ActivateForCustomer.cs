using KeyBox.Application.Audit;
using System.Net;
using FluentValidation;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Commands.ActivateForCustomer;

/// <summary>
/// An activation made by the license's owner (or an admin) for a customer, from the internal API or the console:
/// the place is what the owner types — the installation's URL (its host is the domain), IP, machine id and a name —
/// instead of the caller's headers. It takes a seat under the same rules and the same row lock as an activation from
/// the client: the license must be usable at that place, the same place again refreshes its seat, a full license is
/// refused with ACTIVATION_LIMIT_REACHED. A license the caller may not see is not found.
/// </summary>
public sealed record ActivateForCustomerCommand(Guid LicenseId, string? Url, string? Ip, string? MachineId, string? ClientName)
    : ICommand<ActivationDto>, IAuditedCommand
{
    /// <summary>An activation, made by the owner rather than by the customer's software.</summary>
    public string AuditAction => "license.activated_for_customer";
}

public sealed class ActivateForCustomerCommandHandler(
    IReadStore store,
    ILicenseRepository licenses,
    ICatalogReads catalogs,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<ActivateForCustomerCommand, ActivationDto>
{
    public async ValueTask<ActivationDto> Handle(ActivateForCustomerCommand command, CancellationToken cancellationToken)
    {
        // The owner rule of the read store: another owner's license is not found. Read untracked, so that the
        // license the activation changes is the one loaded under the row lock below.
        var code = await store.Licenses.Where(l => l.Id == command.LicenseId).Select(l => l.LicenseCode).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetForActivationAsync(code, cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        var product = await catalogs.FindProductAsync(license.ProductId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "The product was not found.");

        var place = ActivationPlace.Create(
            ActivateForCustomerCommandValidator.ParseUrl(command.Url),
            ActivateForCustomerCommandValidator.ParseIp(command.Ip),
            command.MachineId,
            instanceId: null,
            command.ClientName,
            language: null);
        var activation = license.Activate(product, place, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return activation.ToDto();
    }
}

public sealed class ActivateForCustomerCommandValidator : AbstractValidator<ActivateForCustomerCommand>
{
    public const string UrlMessage = "The URL must be an absolute http(s) address, such as https://example.com.";
    public const string IpMessage = "The IP must be an IPv4 or IPv6 address.";

    public ActivateForCustomerCommandValidator()
    {
        RuleFor(c => c.Url).Must(u => string.IsNullOrWhiteSpace(u) || ParseUrl(u) is not null).WithMessage(UrlMessage)
            .MaximumLength(Activation.UrlMaxLength);
        RuleFor(c => c.Ip).Must(ip => string.IsNullOrWhiteSpace(ip) || ParseIp(ip) is not null).WithMessage(IpMessage);
        RuleFor(c => c.MachineId).MaximumLength(Activation.MachineIdMaxLength);
        RuleFor(c => c.ClientName).MaximumLength(Activation.ClientNameMaxLength);
    }

    /// <summary>The URL as the client headers take it: absolute, http or https, with a host; null when blank or not such a URL.</summary>
    internal static Uri? ParseUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
            ? uri
            : null;

    internal static IPAddress? ParseIp(string? ip) =>
        !string.IsNullOrWhiteSpace(ip) && IPAddress.TryParse(ip.Trim(), out var address)
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
            : null;
}
