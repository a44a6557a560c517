using KeyBox.WebApi.IntegrationTests.Testing;
using Npgsql;
using Respawn;
using Testcontainers.PostgreSql;

namespace KeyBox.WebApi.IntegrationTests;

// In the root namespace so that it runs before every test of the assembly.

/// <summary>
/// One PostgreSQL for the whole run: the connection string in <c>KEYBOX_TEST_CONNECTION_STRING</c> when set
/// (./build.sh test starts a private cluster for it), otherwise a Testcontainers PostgreSQL (needs Docker).
/// </summary>
[SetUpFixture]
public sealed class TestDatabase
{
    public const string EnvironmentVariable = "KEYBOX_TEST_CONNECTION_STRING";
    private static PostgreSqlContainer? _container;
    private static Respawner? _respawner;

    public static string ConnectionString { get; private set; } = string.Empty;

    public static KeyBoxFactory Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
        }
        else
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            try
            {
                await _container.StartAsync();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"No test database: set {EnvironmentVariable} (./build.sh test does) or make a Docker engine available for Testcontainers.", ex);
            }
            ConnectionString = _container.GetConnectionString();
        }

        // The first server applies the migrations (as the real server does at start-up).
        Server = new KeyBoxFactory();
        _ = Server.Server;

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Server secrets (the generated token signing key, the Data Protection key ring) outlive data resets, as they outlive restarts.
            TablesToIgnore = ["__ef_migrations_history", "server_secrets", "license_data_keys", "signing_keys", "data_protection_keys"],
        });
    }

    /// <summary>Empties every table, then recreates the bootstrap account and keys the tests use.</summary>
    public static async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await Server.ReinitialiseAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Server.DisposeAsync();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
