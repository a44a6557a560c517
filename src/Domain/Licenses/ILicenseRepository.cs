namespace KeyBox.Domain.Licenses;

public interface ILicenseRepository
{
    Task<License?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<License?> GetByCodeAsync(string licenseCode, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the license with its active activations under a row lock held until the unit of work commits:
    /// concurrent activations of one license are serialised, on every server process.
    /// </summary>
    Task<License?> GetForActivationAsync(string licenseCode, CancellationToken cancellationToken);

    /// <summary>Loads the license (locked) with the given activation, whatever its state.</summary>
    Task<License?> GetWithActivationAsync(Guid activationId, CancellationToken cancellationToken);

    Task<bool> CodeExistsAsync(string licenseCode, CancellationToken cancellationToken);

    void Add(License license);
}
