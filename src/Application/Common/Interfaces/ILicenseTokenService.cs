namespace KeyBox.Application.Common.Interfaces;

/// <summary>What a license token (<c>license_data</c> / <c>lic_response</c>) carries: the activation it proves.</summary>
public sealed record LicenseTokenClaims(Guid ActivationId, Guid LicenseId, Guid ProductId, DateTimeOffset IssuedAt);

/// <summary>
/// Issues and reads the opaque, tamper-evident ASCII tokens clients store after activation. Reading returns
/// null for anything the server did not issue (changed, truncated, or made with a key it does not hold).
/// </summary>
public interface ILicenseTokenService
{
    string Issue(LicenseTokenClaims claims);

    ValueTask<LicenseTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken);
}

/// <summary>Records successful verifications; implementations batch the writes so verify never waits on one.</summary>
public interface IActivationVerificationRecorder
{
    void Record(Guid activationId, DateTimeOffset verifiedAt, string? ip);
}
