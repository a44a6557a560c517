namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// The database's functions and triggers — what the EF Core model does not describe — kept as SQL in one place,
/// <c>Persistence/Sql/Programmability.sql</c> (cache-invalidation notifications and the login throttle, each explained
/// there), and applied by the <c>Initial</c> migration after the tables.
/// </summary>
internal static class StoreProgrammability
{
    /// <summary>Creates the functions and triggers.</summary>
    public static string Create => Read("Programmability.sql");

    /// <summary>Drops them again (before the tables are dropped).</summary>
    public static string Drop => Read("Programmability.Down.sql");

    private static string Read(string name)
    {
        var resource = "KeyBox.Infrastructure.Persistence.Sql." + name;
        using var stream = typeof(StoreProgrammability).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
