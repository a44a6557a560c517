using AutoMapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyBox.Application.UnitTests.Mapping;

/// <summary>How <c>AutoMapper:LicenseKey</c> reaches AutoMapper through <see cref="DependencyInjection.AddApplication"/>.</summary>
public sealed class LicenseKeySettingTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void An_empty_key_is_no_key_a_warning_and_no_critical_entry(string? key)
    {
        var entries = MapperStartLog(key);

        Assert.That(entries.Where(e => e.Level == LogLevel.Critical), Is.Empty, "an empty key is not validated as a key");
        Assert.That(entries.Any(e => e.Level == LogLevel.Warning), Is.True, "AutoMapper still says that it runs without a key");
    }

    [Test]
    public void A_key_that_is_given_is_passed_on_and_validated()
    {
        var entries = MapperStartLog("not-a-valid-key");

        Assert.That(entries.Any(e => e.Level >= LogLevel.Error), Is.True, "AutoMapper validated the given key and refused it");
    }

    private static List<(LogLevel Level, string Message)> MapperStartLog(string? key)
    {
        var log = new CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(log);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddApplication(key);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IMapper>();
        return log.Entries;
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
