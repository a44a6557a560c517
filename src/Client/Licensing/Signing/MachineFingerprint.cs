using System.Security.Cryptography;
using System.Text;

namespace KeyBox.Client.Licensing.Signing;

/// <summary>
/// The default machine fingerprint of offline activation and license files: the lowercase hex SHA-256 of
/// <c>"keybox-fingerprint-v1\n" + stable machine id + "\n" + product id</c>. The stable machine id is
/// <c>/etc/machine-id</c> (or <c>/var/lib/dbus/machine-id</c>) on Linux, the registry's <c>MachineGuid</c> on Windows,
/// the <c>IOPlatformUUID</c> on macOS, and the host name where none of those exists. Only the hash leaves the
/// machine, and it differs per product, so two vendors cannot correlate their customers' machines.
/// </summary>
public static class MachineFingerprint
{
    /// <summary>This machine's fingerprint for <paramref name="productId"/>.</summary>
    public static string ForProduct(string productId) => Of(StableMachineId(), productId);

    /// <summary>The fingerprint of a given machine id (e.g. one you read yourself) for <paramref name="productId"/>.</summary>
    public static string Of(string machineId, string productId)
    {
        ArgumentException.ThrowIfNullOrEmpty(machineId);
        ArgumentException.ThrowIfNullOrEmpty(productId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("keybox-fingerprint-v1\n" + machineId.Trim() + "\n" + productId)));
    }

    /// <summary>The stable id of this machine (see the class summary); never sent anywhere as is.</summary>
    public static string StableMachineId()
    {
        if (OperatingSystem.IsWindows())
        {
            using var key = Microsoft.Win32.Registry.LocalMachine.OpenSubKey(@"SOFTWARE\Microsoft\Cryptography");
            if (key?.GetValue("MachineGuid") is string guid && guid.Length > 0)
            {
                return guid;
            }
        }
        else if (OperatingSystem.IsMacOS())
        {
            var uuid = MacPlatformUuid();
            if (!string.IsNullOrEmpty(uuid))
            {
                return uuid;
            }
        }
        else
        {
            foreach (var path in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
            {
                if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } id)
                {
                    return id;
                }
            }
        }

        return Environment.MachineName;
    }

    private static string? MacPlatformUuid()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ioreg", "-rd1 -c IOPlatformExpertDevice")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            var output = process?.StandardOutput.ReadToEnd() ?? string.Empty;
            process?.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.Contains("IOPlatformUUID", StringComparison.Ordinal));
            return line?.Split('"').Reverse().Skip(1).FirstOrDefault();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
