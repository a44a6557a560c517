using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>Read port of <c>/validate</c>: a license by its code, as the current actor may see it (<see cref="ICurrentActor.CanSee"/>).</summary>
public interface ILicenseReads
{
    /// <summary>The license with its active activations (loaded) and its product; null when unknown or not the actor's to see.</summary>
    Task<LicenseSnapshot?> FindByCodeAsync(string licenseCode, CancellationToken cancellationToken);
}

/// <summary>
/// A license with its active activations and its product as read (untracked, possibly shared with other requests
/// through the read cache): read-only — never change it, never attach it to a unit of work.
/// </summary>
public sealed record LicenseSnapshot(License License, Product Product);
