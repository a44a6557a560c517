using System.Globalization;

namespace KeyBox.Bench.Tool;

/// <summary><c>--name value</c> options.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                _values[name] = "true";
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
        }
    }

    public string Get(string name) => _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
