
using System.Net;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KeyBox.WebApi.IntegrationTests.Testing;

/// <summary>A KeyBox server in the test host, on the test database, with known bootstrap credentials.</summary>
public sealed class KeyBoxFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string InternalKey = "kb_test_internal_0123456789abcdef";
    public const string ExternalKey = "kb_test_external_0123456789abcdef";
    public const string AdminEmail = "admin@keybox.test";
    public const string AdminPassword = "Admin-Password-123";

    /// <summary>
    /// The master key (<c>Secrets:MasterKey</c>) of every test server: they share the database, so they share its master
    /// key too, and no test server writes a key file into the source tree.
    /// </summary>
    public const string MasterKey = "S2V5Qm94IHRlc3QgbWFzdGVyIGtleSAwMTIzNDU2Nzg=";

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
        builder.UseSetting("Secrets:MasterKey", MasterKey);
        // Background webhook work only where a test asks for it (its own KeyBoxFactory settings): servers share the database.
        builder.UseSetting("Webhooks:DispatcherEnabled", "false");
        builder.UseSetting("Webhooks:ScanIntervalSeconds", "0");
        // The shared test server serves every test as the same admin: the per-account internal limit is tested on its own server.
        builder.UseSetting("RateLimiting:Internal:PermitLimit", "0");
        // Tests read the dashboard right after changing data; the summary cache has its own test.
        builder.UseSetting("Summaries:CacheSeconds", "0");
        // Sign-up is closed by default (Auth:AllowSignup=false) and throttled per IP; most tests sign developers up
        // freely from one (test) address. A test of those defaults names the setting with a null value: left unset.
        var effective = new Dictionary<string, string?> { ["Auth:AllowSignup"] = "true", ["Auth:SignupThrottle:PermitLimit"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            effective[key] = value;
        }

        foreach (var (key, value) in effective)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new TestErrorLoggerProvider()));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, TestRemoteIpStartupFilter>();
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

        // The settings row was emptied with the data: apply the defaults now rather than at the next poll,
        // and start every test with fresh in-process rate-limit counters.
        await Services.GetRequiredService<IRuntimeSettings>().RefreshAsync(CancellationToken.None);
        Services.GetService<InMemoryRateLimitCounterStore>()?.Clear();
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

/// <summary>
/// Test-only: the test host has no real connection, so <see cref="ConnectionInfo.RemoteIpAddress"/> is null. A request
/// may name the address it should appear to come from in <c>X-Test-Remote-IP</c>, to tell callers apart by IP.
/// </summary>
internal sealed class TestRemoteIpStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Remote-IP";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Real time plus an offset that tests can move forward (and that a data reset puts back).</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}

/// <summary>Server errors show up in the test output, next to the failing assertion.</summary>
internal sealed class TestErrorLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ErrorLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class ErrorLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var line = $"[server {logLevel}] {category}: {formatter(state, exception)}\n{exception}";
                TestContext.Progress.WriteLine(line);
                var path = Environment.GetEnvironmentVariable("KEYBOX_TEST_SERVER_LOG");
                if (!string.IsNullOrEmpty(path))
                {
                    lock (typeof(TestErrorLoggerProvider))
                    {
                        File.AppendAllText(path, line + Environment.NewLine);
                    }
                }
            }
        }
    }
}
