using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace KeyBox.Infrastructure.Secrets;

public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    public const string DefaultMasterKeyFile = ".keybox/master.key";

    /// <summary>The key-encryption key, base64 of 32 bytes. When set, <see cref="MasterKeyFile"/> is not used.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Where the key-encryption key is kept when <see cref="MasterKey"/> is not set; relative paths start at the content root.</summary>
    public string? MasterKeyFile { get; set; }
}

/// <summary>
/// Finds the master key: <c>Secrets:MasterKey</c>, else the file <c>Secrets:MasterKeyFile</c> (default
/// <c>.keybox/master.key</c> under the content root), which is created on first start — a new random key, base64, mode
/// 0600, written to a temporary file and moved into place without replacing, so that processes starting together on a
/// fresh machine all end up with the same key.
/// </summary>
public static class MasterKeyLoader
{
    public static byte[] Load(SecretsOptions options, string contentRoot, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return Parse(options.MasterKey, "Secrets:MasterKey");
        }

        var configured = string.IsNullOrWhiteSpace(options.MasterKeyFile) ? SecretsOptions.DefaultMasterKeyFile : options.MasterKeyFile;
        var path = Path.GetFullPath(configured, contentRoot);
        if (!File.Exists(path))
        {
            CreateKeyFile(path, logger);
        }

        WarnWhenOthersCanRead(path, logger);
        return Parse(File.ReadAllText(path), $"the master key file {path}");
    }

    private static byte[] Parse(string text, string source)
    {
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
        }

        return key is { Length: SecretProtector.MasterKeyLength }
            ? key
            : throw new InvalidOperationException(
                $"{source} must hold a base64-encoded {SecretProtector.MasterKeyLength}-byte key (e.g. the output of `openssl rand -base64 32`).");
    }

    private static void CreateKeyFile(string path, ILogger logger)
    {
        var directory = Path.GetDirectoryName(path)!;
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, ownerOnly | UnixFileMode.UserExecute);
        }

        var temp = Path.Combine(directory, $".master.key.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = ownerOnly;
        }

        try
        {
            using (var writer = new StreamWriter(temp, options))
            {
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretProtector.MasterKeyLength)));
            }

            File.Move(temp, path, overwrite: false);
            logger.LogWarning(
                "Generated a new master key in {Path}. Back it up apart from the database: without it the secrets stored in the database cannot be read.",
                path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void WarnWhenOthersCanRead(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((File.GetUnixFileMode(path) & others) != 0)
        {
            logger.LogWarning("The master key file {Path} can be read or written by other users; restrict it to its owner (chmod 600).", path);
        }
    }
}
