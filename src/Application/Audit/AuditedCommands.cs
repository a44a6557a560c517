using System.Collections.Concurrent;
using System.Text;

namespace KeyBox.Application.Audit;

/// <summary>A command that names its own activity-log action (when the name of its type does not say it, e.g. block and unblock).</summary>
public interface IAuditedCommand
{
    string AuditAction { get; }
}

/// <summary>A command that changes nothing anyone needs in the activity log (sessions, scheduled bookkeeping).</summary>
public interface INotAudited;

/// <summary>
/// The activity-log action of a command: <see cref="IAuditedCommand.AuditAction"/>, or derived from its type name —
/// <c>CreateLicenseCommand</c> → <c>license.created</c>, <c>RevokeApiKeyCommand</c> → <c>api_key.revoked</c>,
/// <c>DeactivateActivationCommand</c> → <c>activation.deactivated</c>. A new command is logged without any change here.
/// </summary>
public static class AuditNaming
{
    private static readonly ConcurrentDictionary<Type, string> Derived = new();

    private static readonly Dictionary<string, string> PastTense = new(StringComparer.Ordinal)
    {
        ["Create"] = "created",
        ["Update"] = "updated",
        ["Delete"] = "deleted",
        ["Revoke"] = "revoked",
        ["Activate"] = "activated",
        ["Deactivate"] = "deactivated",
        ["Reactivate"] = "reactivated",
        ["Upload"] = "uploaded",
        ["Redeliver"] = "redelivered",
        ["Rotate"] = "rotated",
        ["Reset"] = "reset",
        ["Import"] = "imported",
        ["Sign"] = "signed",
        ["Block"] = "blocked",
        ["Unblock"] = "unblocked",
        ["Change"] = "changed",
        ["Record"] = "recorded",
        ["Issue"] = "issued",
        ["Release"] = "released",
        ["Set"] = "set",
    };

    /// <summary>Entity names as users know them (the API's routes), where a command's type says it otherwise.</summary>
    private static readonly Dictionary<string, string> EntityAliases = new(StringComparer.Ordinal)
    {
        ["webhook_endpoint"] = "webhook",
        ["project"] = "product",
        ["duration_license"] = "license",
    };

    public static string ActionOf(object command) =>
        command is IAuditedCommand audited ? audited.AuditAction : Derived.GetOrAdd(command.GetType(), Derive);

    internal static string Derive(Type type)
    {
        var name = type.Name;
        if (name.EndsWith("Command", StringComparison.Ordinal))
        {
            name = name[..^"Command".Length];
        }

        var words = SplitWords(name);
        if (words.Count < 2)
        {
            return $"{Snake(words)}.changed";
        }

        var verb = words[0];
        var entity = Snake(words.Skip(1));
        entity = EntityAliases.GetValueOrDefault(entity, entity);
        if (verb == "Sign" && words[1] == "Up")
        {
            return "user.signed_up";
        }

        return PastTense.TryGetValue(verb, out var past) ? $"{entity}.{past}" : $"{entity}.{verb.ToLowerInvariant()}";
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string Snake(IEnumerable<string> words) => string.Join('_', words.Select(w => w.ToLowerInvariant()));
}
