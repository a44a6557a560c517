namespace KeyBox.Application.Common.Models;

/// <summary>Limits on uploaded version files (configuration section <c>Storage</c>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:MaxUploadBytes</c>: the largest file accepted, 512 MiB by default; larger uploads answer 413.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
}
