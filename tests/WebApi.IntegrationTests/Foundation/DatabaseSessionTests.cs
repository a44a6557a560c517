using KeyBox.Application.Licenses.Queries.ListLicenses;
using KeyBox.Infrastructure.Persistence;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>Pooled database sessions and the connection pool's defaults.</summary>
public sealed class DatabaseSessionTests : IntegrationTest
{
    [Test]
    public async Task A_pooled_session_without_an_actor_refuses_owner_filtered_queries_even_after_a_request_used_it()
    {
        await CreateProductAsync("P");
        var factory = Server.Services.GetRequiredService<IDbContextFactory<KeyBoxDbContext>>();
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var rented = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            Assert.That(await rented.Products.CountAsync(), Is.EqualTo(1), "a scope's session has the scope's actor");
        }

        // The scope returned its session to the pool; whatever the pool hands out next carries no actor.
        await using var bare = await factory.CreateDbContextAsync();
        Assert.ThrowsAsync<InvalidOperationException>(async () => await bare.Products.CountAsync());
    }

    [Test]
    public async Task A_search_page_leaves_its_pooled_connection_on_the_default_plan_cache_mode_even_when_it_fails()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "PLAN-0001" });
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        var reader = scope.ServiceProvider.GetRequiredService<ILicensePageReader>();
        var filter = new LicenseFilter(null, null, null, null);
        var window = new SearchWindow(new OrdinalRange("PLAN", "PLAO"), new OrdinalRange("plan", "plao"), "PLAN", null, 0, 16);

        // The session's connection is held open, so every statement below runs on the same PostgreSQL session.
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            Assert.That((await reader.SearchAsync(filter, window, default)).Select(h => h.Row.LicenseCode), Is.EqualTo(new[] { "PLAN-0001" }));
            Assert.That(await ScalarAsync(connection, "SHOW plan_cache_mode"), Is.EqualTo("auto"));

            // The search statement fails after the batch's SET ran (it waits for a lock held elsewhere and times out).
            await ScalarAsync(connection, "SET lock_timeout = '100ms'");
            await using var locker = new NpgsqlConnection(TestDatabase.ConnectionString);
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE licenses IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var failed = Assert.ThrowsAsync<PostgresException>(async () => await reader.SearchAsync(filter, window, default));
            Assert.That(failed!.SqlState, Is.EqualTo(PostgresErrorCodes.LockNotAvailable));
            await transaction.RollbackAsync();
            Assert.That(await ScalarAsync(connection, "SHOW plan_cache_mode"), Is.EqualTo("auto"), "the setting was reset after the failure");
        }
        finally
        {
            await ScalarAsync(connection, "RESET lock_timeout");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    [Test]
    public void The_connection_string_gets_the_pool_defaults_unless_it_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(KeyBox.Infrastructure.DependencyInjection.WithPoolDefaults("Host=db;Database=keybox"));
        Assert.That(defaulted.NoResetOnClose, Is.True);
        Assert.That(defaulted.MaxAutoPrepare, Is.EqualTo(64));

        var explicitValues = new NpgsqlConnectionStringBuilder(
            KeyBox.Infrastructure.DependencyInjection.WithPoolDefaults("Host=db;Database=keybox;No Reset On Close=false;MaxAutoPrepare=0"));
        Assert.That(explicitValues.NoResetOnClose, Is.False);
        Assert.That(explicitValues.MaxAutoPrepare, Is.EqualTo(0));
    }
}
