namespace KeyBox.Infrastructure.LicenseData;

/// <summary>A key of the license-data key ring (in memory; stored encrypted as a <see cref="StoredLicenseDataKey"/>).</summary>
public sealed class LicenseDataKey(int id, string cipher, byte[] material, DateTimeOffset createdAt)
{
    /// <summary>A fingerprint of the key material, written into every token it makes.</summary>
    public int Id { get; } = id;

    public string Cipher { get; } = cipher;

    public byte[] Material { get; } = material;

    public DateTimeOffset CreatedAt { get; } = createdAt;
}

/// <summary>
/// A row of <c>license_data_keys</c>, shared by every server process through the database. <see cref="Material"/> is the
/// key encrypted under the master key (purpose <c>license_data_keys.material:{id}</c>), never the key itself.
/// </summary>
internal sealed class StoredLicenseDataKey
{
    private StoredLicenseDataKey()
    {
        Cipher = string.Empty;
        Material = string.Empty;
    }

    public int Id { get; private set; }

    public string Cipher { get; private set; }

    public string Material { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
