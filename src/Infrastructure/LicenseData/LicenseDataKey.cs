namespace KeyBox.Infrastructure.LicenseData;

/// <summary>A key of the license-data key ring, shared by every server process through the database.</summary>
public sealed class LicenseDataKey
{
    private LicenseDataKey()
    {
        Cipher = string.Empty;
        Material = [];
    }

    public LicenseDataKey(int id, string cipher, byte[] material, DateTimeOffset createdAt)
    {
        Id = id;
        Cipher = cipher;
        Material = material;
        CreatedAt = createdAt;
    }

    /// <summary>A fingerprint of the key material, written into every token it makes.</summary>
    public int Id { get; private set; }

    public string Cipher { get; private set; }

    public byte[] Material { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
