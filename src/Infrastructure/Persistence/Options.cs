namespace KeyBox.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Migrate (when enabled) and create the bootstrap credentials at start-up; off only for diagnostics and tests.</summary>
    public bool InitialiseOnStartup { get; set; } = true;
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? InternalApiKey { get; set; }

    public string? ExternalApiKey { get; set; }
}
