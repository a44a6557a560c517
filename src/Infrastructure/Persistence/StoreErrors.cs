using Npgsql;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>What a database error says about the request that caused it, for the surfaces' error handling.</summary>
public static class StoreErrors
{
    /// <summary>
    /// The request carried text PostgreSQL cannot hold (a NUL character, U+0000, is valid in JSON and URLs but not in
    /// a PostgreSQL text value): whether it was being stored or searched for, it is the request that is wrong.
    /// </summary>
    public static bool IsUnstorableText(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is
        { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter };
}
