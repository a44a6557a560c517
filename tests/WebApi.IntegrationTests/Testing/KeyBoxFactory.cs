
using KeyBox.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyBox.WebApi.IntegrationTests.Testing;

/// <summary>A KeyBox server in the test host, on the test database, with known bootstrap credentials.</summary>
public sealed class KeyBoxFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string InternalKey = "kb_test_internal_0123456789abcdef";
    public const string ExternalKey = "kb_test_external_0123456789abcdef";
    public const string AdminEmail = "admin@keybox.test";
    public const string AdminPassword = "Admin-Password-123";

    /// <summary>The server's clock; tests move it forward to expire things.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>A private directory for uploaded files (<c>Storage:Path</c>), deleted with the factory.</summary>
    public string StoragePath { get; } = Path.Combine(Path.GetTempPath(), "keybox-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KeyBox", TestDatabase.ConnectionString);
        builder.UseSetting("Bootstrap:InternalApiKey", InternalKey);
        builder.UseSetting("Bootstrap:ExternalApiKey", ExternalKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Storage:Path", StoragePath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>After a data reset: recreate the bootstrap rows and forget cached credentials.</summary>
    public async Task ReinitialiseAsync()
    {
        Clock.Reset();
        if (Services.GetService<IMemoryCache>() is MemoryCache cache)
        {
            cache.Clear();
        }

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KeyBoxInitialiser>().InitialiseAsync(CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StoragePath))
        {
            Directory.Delete(StoragePath, recursive: true);
        }
    }

    public HttpClient CreateClientWithKey(string? apiKey, string header = "X-API-KEY")
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(header, apiKey);
        }

        return client;
    }
}

/// <summary>Real time plus an offset that tests can move forward (and that a data reset puts back).</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
