using System.Collections.Concurrent;
using KeyBox.Application.Common.Interfaces;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Summaries;

/// <summary><c>Summaries:*</c>.</summary>
public sealed class SummaryOptions
{
    public const string Section = "Summaries";

    /// <summary>How long a summary (the dashboard) is shared; 0 = computed for every request.</summary>
    public int CacheSeconds { get; set; } = 5;
}

/// <summary>
/// The answers of <see cref="ISummaryQuery"/> queries, per (query, actor scope), for <see cref="SummaryOptions.CacheSeconds"/>.
/// Concurrent askers share one computation (single flight): at a million licenses the dashboard's aggregates take a
/// few hundred milliseconds of database time, and thirty-two at once would take them all together. A failed
/// computation is not kept. At most <see cref="MaxEntries"/> answers are kept (then all are forgotten).
/// </summary>
public sealed class SummaryCache(IOptions<SummaryOptions> options, TimeProvider clock)
{
    public const int MaxEntries = 1000;

    private readonly ConcurrentDictionary<SummaryKey, Entry> _entries = new();

    public bool Enabled => options.Value.CacheSeconds > 0;

    public async ValueTask<object?> GetOrComputeAsync(SummaryKey key, Func<Task<object?>> compute)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return await cached.Answer;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var entry = new Entry(new Lazy<Task<object?>>(compute), now + TimeSpan.FromSeconds(options.Value.CacheSeconds));
        var current = _entries.AddOrUpdate(key, entry, (_, old) => old.Until > now ? old : entry);
        try
        {
            return await current.Answer;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<SummaryKey, Entry>(key, current));
            throw;
        }
    }

    private sealed record Entry(Lazy<Task<object?>> Computation, DateTimeOffset Until)
    {
        public Task<object?> Answer => Computation.Value;
    }
}

/// <summary>A summary query's value with the scope of the actor that asked (null: sees every owner).</summary>
public readonly record struct SummaryKey(object Query, Guid? Scope);

/// <summary>Answers <see cref="ISummaryQuery"/> messages from <see cref="SummaryCache"/>; every other message passes through.</summary>
public sealed class SummaryCacheBehaviour<TMessage, TResponse>(SummaryCache cache, ICurrentActor actor)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not ISummaryQuery || !cache.Enabled)
        {
            return await next(message, cancellationToken);
        }

        var key = new SummaryKey(message, actor.SeesEverything ? null : actor.UserId);
        // Not cancelled by the first asker: others may be waiting for the same answer (the asker's request awaits it).
        return (TResponse)(await cache.GetOrComputeAsync(key, async () => await next(message, CancellationToken.None)))!;
    }
}
