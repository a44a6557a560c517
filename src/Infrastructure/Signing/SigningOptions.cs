namespace KeyBox.Infrastructure.Signing;

/// <summary>Settings of signed licenses (section <c>Signing</c>).</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>The <c>iss</c> claim of license files.</summary>
    public string Issuer { get; set; } = "keybox";

    /// <summary>How long a license file stays valid offline after issue (never beyond the license's expiry).</summary>
    public int LicenseFileTtlDays { get; set; } = 30;

    /// <summary>How often a process re-reads the key ring, to pick up a rotation made by another process.</summary>
    public int RefreshSeconds { get; set; } = 30;

    internal TimeSpan LicenseFileTtl => TimeSpan.FromDays(Math.Clamp(LicenseFileTtlDays, 1, 3650));
}
