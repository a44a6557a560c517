using KeyBox.Domain.Accounts;

namespace KeyBox.Domain.UnitTests.Accounts;

public sealed class PasswordPolicyTests
{
    [Test]
    public void A_list_of_common_passwords_ships_with_the_domain()
    {
        Assert.That(PasswordPolicy.CommonCount, Is.InRange(300, 10_000));
    }

    [TestCase("password")]
    [TestCase("password1234")]
    [TestCase("PassWord1234")]
    [TestCase("QWERTY123456")]
    [TestCase("123456789012")]
    [TestCase("iloveyou1234")]
    public void Common_passwords_are_recognised_whatever_their_case(string password)
    {
        Assert.That(PasswordPolicy.IsCommon(password), Is.True);
    }

    [TestCase("correct-horse-battery")]
    [TestCase("Tr0ub4dor&3-x9")]
    public void Other_passwords_are_not(string password)
    {
        Assert.That(PasswordPolicy.IsCommon(password), Is.False);
    }
}

public sealed class UnicodeCompositionTests
{
    [TestCase("e\u0301", "\u00e9")]
    [TestCase("A\u030A", "\u00c5")]
    [TestCase("e\u0302\u0301", "\u1ebf")]
    [TestCase("\u1100\u1161\u11A8", "\uac01")]
    [TestCase("plain@example.com", "plain@example.com")]
    [TestCase("\u00e9t\u00e9", "\u00e9t\u00e9")]
    public void Decomposed_text_is_composed(string input, string expected)
    {
        Assert.That(UnicodeComposition.ToNfc(input), Is.EqualTo(expected));
    }
}
