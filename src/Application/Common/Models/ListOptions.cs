namespace KeyBox.Application.Common.Models;

/// <summary>
/// <c>Lists:*</c> — bounds on what one response may carry. The KeyBox API's lists (<c>GET /license</c>, <c>/clients</c>,
/// <c>/projects</c>) keep their array shape but return at most <see cref="MaxItems"/> items per call (a <c>Link</c>
/// header and <c>meta</c> say when more exist); the dashboard's nested lists are cut at the same size.
/// </summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    public const int DefaultMaxItems = 1000;

    /// <summary>The most items a KeyBox API list or a dashboard nested list returns at once (default 1,000).</summary>
    public int MaxItems { get; set; } = DefaultMaxItems;

    /// <summary>The cap in force: a value below 1 falls back to the default.</summary>
    public int EffectiveMaxItems => MaxItems >= 1 ? MaxItems : DefaultMaxItems;
}
