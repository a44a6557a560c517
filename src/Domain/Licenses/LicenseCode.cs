using System.Security.Cryptography;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Licenses;

/// <summary>
/// License codes: given by the vendor, or generated as five groups of five characters from a 32-letter
/// alphabet without look-alikes (125 random bits), e.g. <c>7KQ2M-XH9TD-...</c>.
/// </summary>
public static class LicenseCode
{
    public const int MaxLength = 100;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate()
    {
        Span<byte> random = stackalloc byte[25];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[29];
        var position = 0;
        for (var i = 0; i < 25; i++)
        {
            if (i > 0 && i % 5 == 0)
            {
                chars[position++] = '-';
            }

            chars[position++] = Alphabet[random[i] & 31];
        }

        return new string(chars);
    }

    public static string Validate(string code)
    {
        var value = Guard.Required(code, "LicenseCode", MaxLength);
        if (value.Length < 6 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Guard.Invalid("LicenseCode", "The license code must be 6 to 100 letters, digits, '-', '_' or '.'.");
        }

        return value;
    }
}
