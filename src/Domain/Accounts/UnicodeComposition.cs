using System.Globalization;
using System.Text;

namespace KeyBox.Domain.Accounts;

/// <summary>
/// Unicode NFC for account emails. KeyBox runs with invariant globalization (no ICU), where
/// <see cref="string.Normalize(NormalizationForm)"/> leaves non-ASCII text as it is; so after it, the canonical
/// compositions of the Unicode data (the embedded <c>canonical-compositions.txt</c>, 941 primary composites) and the
/// Hangul syllable algorithm are applied: a base character followed by a combining mark becomes the precomposed
/// character (<c>e</c> + U+0301 → <c>é</c>), repeatedly (<c>e</c> + U+0302 + U+0301 → <c>ế</c>). Marks are composed
/// in the order they come (no canonical reordering of marks of different classes), which covers what keyboards and
/// input methods produce.
/// </summary>
public static class UnicodeComposition
{
    public const string ResourceName = "KeyBox.Domain.Accounts.canonical-compositions.txt";

    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28;
    private const int NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Dictionary<(int, int), int>> Pairs = new(Load);

    public static string ToNfc(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormC);
        if (Ascii.IsValid(normalized))
        {
            return normalized;
        }

        var output = new List<int>(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var next = rune.Value;
            if (output.Count > 0 && Compose(output[^1], next) is { } composed)
            {
                output[^1] = composed;
            }
            else
            {
                output.Add(next);
            }
        }

        var builder = new StringBuilder(normalized.Length);
        foreach (var codePoint in output)
        {
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }

    private static int? Compose(int first, int second)
    {
        // Hangul: a leading consonant and a vowel make an LV syllable; an LV syllable and a trailing consonant an LVT one.
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            return SBase + (((first - LBase) * VCount) + (second - VBase)) * TCount;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            return first + (second - TBase);
        }

        return Pairs.Value.TryGetValue((first, second), out var composed) ? composed : null;
    }

    private static Dictionary<(int, int), int> Load()
    {
        using var stream = typeof(UnicodeComposition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var pairs = new Dictionary<(int, int), int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ');
            pairs[(Hex(parts[0]), Hex(parts[1]))] = Hex(parts[2]);
        }

        return pairs;
    }

    private static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
