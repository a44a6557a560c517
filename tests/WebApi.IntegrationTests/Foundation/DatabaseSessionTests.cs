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
