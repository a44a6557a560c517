using System.Security.Cryptography;
using System.Text;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.UnitTests.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();

    [Test]
    public void Issue_creates_a_random_key_and_keeps_only_its_hash_and_prefix()
    {
        var issued = ApiKey.Issue("CI", ApiKeyType.External, Owner, null, Now);
        var key = issued.ApiKey;

        Assert.Multiple(() =>
        {
            Assert.That(issued.PlainKey, Does.Match("^kb_[0-9a-f]{48}$"), "kb_ + 192 random bits in hex");
            Assert.That(key.KeyHash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.PlainKey)))));
            Assert.That(key.KeyHash, Is.Not.EqualTo(issued.PlainKey));
            Assert.That(key.Prefix, Is.EqualTo(issued.PlainKey[..ApiKey.PrefixLength]));
            Assert.That(key.Name, Is.EqualTo("CI"));
            Assert.That(key.Type, Is.EqualTo(ApiKeyType.External));
            Assert.That(key.OwnerId, Is.EqualTo(Owner));
            Assert.That(key.CreatedAt, Is.EqualTo(Now));
            Assert.That(key.ExpiresAt, Is.Null);
            Assert.That(key.IsRevoked, Is.False);
            Assert.That(key.LastUsedAt, Is.Null);
        });
    }

    [Test]
    public void Two_issued_keys_differ()
    {
        var first = ApiKey.Issue("a", ApiKeyType.Internal, Owner, null, Now);
        var second = ApiKey.Issue("a", ApiKeyType.Internal, Owner, null, Now);

        Assert.That(first.PlainKey, Is.Not.EqualTo(second.PlainKey));
        Assert.That(first.ApiKey.KeyHash, Is.Not.EqualTo(second.ApiKey.KeyHash));
    }

    [Test]
    public void Hash_is_the_lower_case_hex_SHA_256_of_the_key()
    {
        Assert.That(ApiKey.Hash("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Test]
    public void A_key_from_a_chosen_plain_value_hashes_that_value()
    {
        var created = ApiKey.FromPlainKey("bootstrap", ApiKeyType.Internal, "operator-chosen-key-123", Owner, null, Now);

        Assert.That(created.PlainKey, Is.EqualTo("operator-chosen-key-123"));
        Assert.That(created.ApiKey.KeyHash, Is.EqualTo(ApiKey.Hash("operator-chosen-key-123")));
        Assert.That(created.ApiKey.Prefix, Is.EqualTo("operator"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("short-key-15chr")]
    public void A_chosen_key_needs_at_least_16_characters(string plainKey)
    {
        var ex = Assert.Throws<DomainException>(() => ApiKey.FromPlainKey("k", ApiKeyType.Internal, plainKey, Owner, null, Now));

        Assert.That(ex!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(ex.Field, Is.EqualTo("Key"));
    }

    [TestCase("")]
    [TestCase(" ")]
    public void A_name_is_required(string name)
    {
        var ex = Assert.Throws<DomainException>(() => ApiKey.Issue(name, ApiKeyType.Internal, Owner, null, Now));

        Assert.That(ex!.Field, Is.EqualTo("Name"));
    }

    [Test]
    public void A_name_longer_than_the_maximum_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => ApiKey.Issue(new string('n', ApiKey.NameMaxLength + 1), ApiKeyType.Internal, Owner, null, Now));

        Assert.That(ex!.Field, Is.EqualTo("Name"));
    }

    [Test]
    public void An_expiry_must_lie_in_the_future()
    {
        foreach (var expiry in new[] { Now, Now.AddSeconds(-1), Now.AddYears(-1) })
        {
            var ex = Assert.Throws<DomainException>(() => ApiKey.Issue("k", ApiKeyType.External, Owner, expiry, Now));
            Assert.That(ex!.Field, Is.EqualTo("ExpiresAt"));
        }
    }

    [Test]
    public void A_key_is_usable_until_it_expires()
    {
        var key = ApiKey.Issue("k", ApiKeyType.External, Owner, Now.AddDays(1), Now).ApiKey;

        Assert.Multiple(() =>
        {
            Assert.That(key.ExpiresAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(key.IsUsableAt(Now), Is.True);
            Assert.That(key.IsUsableAt(Now.AddDays(1).AddTicks(-1)), Is.True);
            Assert.That(key.IsUsableAt(Now.AddDays(1)), Is.False, "the expiry instant is already expired");
            Assert.That(key.IsUsableAt(Now.AddDays(2)), Is.False);
        });
    }

    [Test]
    public void A_key_without_expiry_stays_usable()
    {
        var key = ApiKey.Issue("k", ApiKeyType.External, Owner, null, Now).ApiKey;

        Assert.That(key.IsUsableAt(Now.AddYears(50)), Is.True);
    }

    [Test]
    public void A_revoked_key_is_unusable_and_keeps_its_first_revocation_time()
    {
        var key = ApiKey.Issue("k", ApiKeyType.Internal, Owner, null, Now).ApiKey;

        key.Revoke(Now.AddMinutes(5));
        key.Revoke(Now.AddMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(key.IsRevoked, Is.True);
            Assert.That(key.RevokedAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(key.IsUsableAt(Now.AddMinutes(6)), Is.False);
        });
    }
}
