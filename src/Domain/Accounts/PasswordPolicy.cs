namespace KeyBox.Domain.Accounts;

/// <summary>
/// What a password chosen by a person must be: at least <see cref="MinLength"/> characters, at most
/// <see cref="MaxLength"/>, and not one of the common passwords shipped with KeyBox (the embedded resource
/// <c>common-passwords.txt</c>, compared case-insensitively). Applies to sign-up, accounts created by an admin and
/// password changes; configured bootstrap passwords are the operator's choice and are not checked.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const string ResourceName = "KeyBox.Domain.Accounts.common-passwords.txt";

    public const string TooCommonMessage = "This password is too common: choose one that is harder to guess.";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>The number of common passwords known (for tests).</summary>
    public static int CommonCount => Common.Value.Count;

    /// <summary>True when the password is one of the common passwords (case-insensitively, surrounding spaces ignored).</summary>
    public static bool IsCommon(string? password) =>
        !string.IsNullOrEmpty(password) && Common.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
