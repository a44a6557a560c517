using System.Text.RegularExpressions;
using KeyBox.Infrastructure.Persistence;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>The one squashed migration, the functions and triggers it applies, and databases made by other builds.</summary>
public sealed partial class DatabaseSchemaTests : IntegrationTest
{
    [Test]
    public async Task The_schema_is_one_migration_and_every_function_and_trigger_of_the_programmability_script_exists()
    {
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            // The squashed Initial, then the migrations of features added since (each named after its feature).
            var migrations = db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]).ToList();
            Assert.That(migrations[0], Is.EqualTo("Initial"));
            Assert.That(migrations, Does.Contain("AuditLog"));
            Assert.That(migrations, Does.Contain("SigningKeys"));
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        }

        var script = StoreProgrammability.Create;
        var triggers = TriggerName().Matches(script).Select(m => m.Groups[1].Value).ToList();
        var functions = FunctionName().Matches(script).Select(m => m.Groups[1].Value).ToList();
        Assert.That(triggers, Has.Count.EqualTo(21));
        Assert.That(functions, Has.Count.EqualTo(6));

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        Assert.That(await NamesAsync(connection, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"), Is.EquivalentTo(triggers));
        Assert.That(await NamesAsync(connection, "SELECT proname FROM pg_proc WHERE proname LIKE 'keybox\\_%'"), Is.EquivalentTo(functions));
    }

    [Test]
    public async Task A_database_made_by_an_earlier_build_is_refused_with_what_to_do()
    {
        const string oldMigration = "20261122233518_Initial";
        await ExecuteAsync($"INSERT INTO __ef_migrations_history (\"MigrationId\", \"ProductVersion\") VALUES ('{oldMigration}', '10.0.0')");
        try
        {
            await using var scope = Server.Services.CreateAsyncScope();
            var initialiser = scope.ServiceProvider.GetRequiredService<KeyBoxInitialiser>();
            var refused = Assert.ThrowsAsync<IncompatibleDatabaseException>(() => initialiser.InitialiseAsync(CancellationToken.None));
            Assert.That(refused!.UnknownMigrations, Is.EqualTo(new[] { oldMigration }));
            Assert.That(refused.Message, Does.Contain("./build.sh clean --all"));
        }
        finally
        {
            await ExecuteAsync($"DELETE FROM __ef_migrations_history WHERE \"MigrationId\" = '{oldMigration}'");
        }

        // The refusal released the migration lock (a pooled connection would otherwise keep it): the next start goes through.
        await using var again = Server.Services.CreateAsyncScope();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await again.ServiceProvider.GetRequiredService<KeyBoxInitialiser>().InitialiseAsync(timeout.Token);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    [GeneratedRegex(@"CREATE TRIGGER (\w+)")]
    private static partial Regex TriggerName();

    [GeneratedRegex(@"CREATE FUNCTION (\w+)")]
    private static partial Regex FunctionName();
}
