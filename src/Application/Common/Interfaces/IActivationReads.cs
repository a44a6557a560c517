using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Read port of the verify, deactivation and download paths: an activation with its license and product, as the
/// current actor may see them (<see cref="ICurrentActor.CanSee"/>). The implementation may answer from the read cache;
/// callers neither know nor care. For a change under the license's row lock, load the aggregate through its repository.
/// </summary>
public interface IActivationReads
{
    /// <summary>The activation (active or not) with its license and product; null when unknown or not the actor's to see.</summary>
    Task<ActivationSnapshot?> FindByIdAsync(Guid activationId, CancellationToken cancellationToken);

    /// <summary>The active activations of the license with this code made at this domain (LicenseBox clients without a stored file).</summary>
    Task<IReadOnlyList<ActivationSnapshot>> FindActiveAsync(string licenseCode, string? domain, CancellationToken cancellationToken);
}

/// <summary>
/// An activation with its license and product as read (untracked, possibly shared with other requests through the read
/// cache): read-only — never change it, never attach it to a unit of work.
/// </summary>
public sealed record ActivationSnapshot(Activation Activation, License License, Product Product);
