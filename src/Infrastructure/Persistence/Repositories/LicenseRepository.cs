using KeyBox.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class LicenseRepository(KeyBoxDbContext db) : ILicenseRepository
{
    // A license added earlier in this unit of work (not saved yet) is found too: domain event handlers run before the save.
    public async Task<License?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Licenses.Local.FirstOrDefault(l => l.Id == id)
        ?? await db.Licenses.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);

    public Task<License?> GetByCodeAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses.FirstOrDefaultAsync(l => l.LicenseCode == licenseCode, cancellationToken);

    // FOR UPDATE holds the license row until the surrounding transaction commits: the seat count read below
    // cannot change under us, whichever process runs the competing activation.
    public Task<License?> GetForActivationAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses
            .FromSql($"SELECT * FROM licenses WHERE license_code = {licenseCode} FOR UPDATE")
            .Include(l => l.Activations.Where(a => a.IsActive))
            // Two statements on purpose: the activations must be read AFTER the row lock is granted (a new snapshot);
            // one joined statement would read them from the snapshot taken before waiting for the lock.
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    public Task<License?> GetWithActivationAsync(Guid activationId, CancellationToken cancellationToken) =>
        db.Licenses
            .FromSql($"SELECT * FROM licenses WHERE id = (SELECT license_id FROM activations WHERE id = {activationId}) FOR UPDATE")
            .Include(l => l.Activations.Where(a => a.IsActive || a.Id == activationId))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    public Task<bool> CodeExistsAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses.IgnoreQueryFilters().AnyAsync(l => l.LicenseCode == licenseCode, cancellationToken);

    public void Add(License license) => db.Licenses.Add(license);
}
