using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Licenses.Files;

/// <summary>What a license file states about an activation (the contract's <c>license</c> claim).</summary>
public static class LicenseFiles
{
    /// <summary>
    /// The terms of <paramref name="license"/> as seen by <paramref name="activation"/>: <c>machine</c> is the activation's
    /// machine id (an offline activation's fingerprint); <c>domains</c> is the activation's domain when it was made at one,
    /// otherwise the license's allowed domains. The license's services are its entitlements.
    /// </summary>
    public static LicenseFileTerms TermsOf(License license, Product product, Activation activation, DateTimeOffset now) => new(
        license.LicenseCode,
        product.ReferenceId,
        license.Type.ToString().ToLowerInvariant(),
        license.StatusAt(now).ToString().ToLowerInvariant(),
        license.ExpiresAt,
        license.UpdatesUntil,
        license.ParallelUses,
        license.Services.ToArray(),
        activation.Domain is { } domain ? [domain] : license.Domains.ToArray(),
        activation.MachineId);

    /// <summary>The largest fingerprint an offline activation request may carry (the activation's machine id).</summary>
    public const int FingerprintMaxLength = Activation.MachineIdMaxLength;

    /// <summary>A fingerprint is printable ASCII without spaces (what the SDK's default, a hex digest, is).</summary>
    public static bool IsWellFormedFingerprint(string? fingerprint) =>
        !string.IsNullOrEmpty(fingerprint) && fingerprint.Length <= FingerprintMaxLength && fingerprint.All(c => c is > ' ' and <= '~');
}
