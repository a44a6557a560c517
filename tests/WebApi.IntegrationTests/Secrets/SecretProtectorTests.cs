using System.Security.Cryptography;
using System.Text;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyBox.WebApi.IntegrationTests.Secrets;

/// <summary>The envelope of secrets at rest, and where the master key comes from (no database, no server).</summary>
public sealed class SecretProtectorTests
{
    private const string Purpose = "webhook_endpoints.secret";
    private static readonly SecretProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Test]
    public void A_protected_secret_reads_back_and_does_not_contain_the_secret()
    {
        const string secret = "whsec_0123456789abcdef0123456789abcdef";
        var stored = Protector.ProtectText(secret, Purpose);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("kbs1:"));
            Assert.That(stored, Does.Not.Contain(secret).And.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))));
            Assert.That(Protector.UnprotectText(stored, Purpose), Is.EqualTo(secret));
            Assert.That(Protector.ProtectText(secret, Purpose), Is.Not.EqualTo(stored), "a fresh nonce every time");
            Assert.That(Protector.IsProtected(stored), Is.True);
            Assert.That(Protector.IsProtected(secret), Is.False);
        });
    }

    [Test]
    public void A_changed_byte_anywhere_is_refused()
    {
        var stored = Protector.ProtectText("a secret of some length", Purpose);
        var envelope = Convert.FromBase64String(stored["kbs1:".Length..]);
        for (var i = 4; i < envelope.Length; i++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[i] ^= 0x01;
            var ex = Assert.Throws<CryptographicException>(() => Protector.Unprotect("kbs1:" + Convert.ToBase64String(tampered), Purpose), $"byte {i}");
            Assert.That(ex!.Message, Does.Contain("integrity"));
        }

        Assert.Throws<CryptographicException>(() => Protector.Unprotect(stored[..^4], Purpose), "truncated");
        Assert.Throws<CryptographicException>(() => Protector.Unprotect("kbs1:not base64!", Purpose));
        Assert.Throws<CryptographicException>(() => Protector.Unprotect("kbs1:AAAA", Purpose), "too short");
        var clear = Assert.Throws<CryptographicException>(() => Protector.Unprotect("whsec_in_clear_0123456789", Purpose));
        Assert.That(clear!.Message, Does.Contain("not encrypted"));
    }

    [Test]
    public void A_secret_moved_to_another_column_or_row_is_refused()
    {
        var stored = Protector.ProtectText("secret", SecretPurposes.ServerSecret("jwt_signing_key"));
        Assert.Throws<CryptographicException>(() => Protector.Unprotect(stored, Purpose));
        Assert.Throws<CryptographicException>(() => Protector.Unprotect(stored, SecretPurposes.ServerSecret("another")));
        var key = Protector.Protect(new byte[32], SecretPurposes.LicenseDataKey(1));
        Assert.Throws<CryptographicException>(() => Protector.Unprotect(key, SecretPurposes.LicenseDataKey(2)));
    }

    [Test]
    public void Another_master_key_is_named_as_the_cause()
    {
        var stored = Protector.ProtectText("secret", Purpose);
        var other = new SecretProtector(RandomNumberGenerator.GetBytes(32));

        var ex = Assert.Throws<CryptographicException>(() => other.Unprotect(stored, Purpose));
        Assert.That(ex!.Message, Does.Contain("another master key").And.Contain(Protector.KeyId).And.Contain(other.KeyId));
        Assert.That(other.KeyId, Is.Not.EqualTo(Protector.KeyId));
    }

    [Test]
    public void The_configured_master_key_must_be_32_bytes_of_base64()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.That(MasterKeyLoader.Load(new SecretsOptions { MasterKey = Convert.ToBase64String(key) }, "/nonexistent", NullLogger.Instance), Is.EqualTo(key));

        foreach (var bad in new[] { Convert.ToBase64String(new byte[16]), "not-base64!", Convert.ToHexString(key) })
        {
            var ex = Assert.Throws<InvalidOperationException>(() => MasterKeyLoader.Load(new SecretsOptions { MasterKey = bad }, "/nonexistent", NullLogger.Instance));
            Assert.That(ex!.Message, Does.Contain("Secrets:MasterKey").And.Contain("32-byte"));
        }
    }

    [Test]
    public void Without_a_configured_key_a_key_file_is_created_once_readable_by_its_owner_only()
    {
        var root = Path.Combine(Path.GetTempPath(), "keybox-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SecretsOptions();
            var keys = Enumerable.Range(0, 8).AsParallel().Select(_ => MasterKeyLoader.Load(options, root, NullLogger.Instance)).ToList();
            var path = Path.Combine(root, ".keybox", "master.key");

            Assert.That(File.Exists(path), Is.True, "the default file, under the content root");
            Assert.That(keys.Select(Convert.ToBase64String).Distinct().Count(), Is.EqualTo(1), "processes starting together agree on one key");
            Assert.That(keys[0], Has.Length.EqualTo(32));
            Assert.That(Convert.FromBase64String(File.ReadAllText(path).Trim()), Is.EqualTo(keys[0]));
            Assert.That(MasterKeyLoader.Load(options, root, NullLogger.Instance), Is.EqualTo(keys[0]), "read again at the next start");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            var configuredFile = Path.Combine(root, "elsewhere", "kek");
            var fromConfiguredFile = MasterKeyLoader.Load(new SecretsOptions { MasterKeyFile = configuredFile }, root, NullLogger.Instance);
            Assert.That(fromConfiguredFile, Is.Not.EqualTo(keys[0]));
            Assert.That(File.Exists(configuredFile), Is.True);

            File.WriteAllText(configuredFile, "garbage");
            var ex = Assert.Throws<InvalidOperationException>(() => MasterKeyLoader.Load(new SecretsOptions { MasterKeyFile = configuredFile }, root, NullLogger.Instance));
            Assert.That(ex!.Message, Does.Contain(configuredFile));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
