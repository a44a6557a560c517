using System.Runtime.CompilerServices;
using KeyBox.Application.ApiKeys.Queries.AuthenticateApiKey;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using System.Data.Common;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// Invalidates this process's caches for the rows a save changed, at once (after the save and again after the
/// commit), so that this process never waits for its own notification. Other processes rely on the triggers.
/// </summary>
internal sealed class CacheInvalidationInterceptor(ReadCache cache, IMemoryCache? memory, WebhookSubscriberCache subscribers, AccountStateCache accounts)
    : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<object>> _pending = new();

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, afterCommit: false);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context, afterCommit: false);
        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, afterCommit: true);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, afterCommit: true);

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        List<object>? changed = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var relevant = entry.State switch
            {
                EntityState.Modified or EntityState.Deleted => entry.Entity is License or Activation or Product or ApiKey or ProductVersion or WebhookEndpoint or User,
                // A new activation changes its license's set of activations (/validate); a new version a product's catalog;
                // a new endpoint the webhook subscribers.
                EntityState.Added => entry.Entity is Activation or ProductVersion or WebhookEndpoint,
                _ => false,
            };
            if (relevant)
            {
                (changed ??= []).Add(entry.Entity);
            }
        }

        if (changed is not null)
        {
            var pending = _pending.GetOrCreateValue(context);
            lock (pending)
            {
                pending.AddRange(changed);
            }
        }
    }

    private void Flush(DbContext? context, bool afterCommit)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        object[] changed;
        lock (pending)
        {
            changed = [.. pending];
            // Inside a transaction the rows become visible at commit: invalidate again then.
            if (afterCommit || context.Database.CurrentTransaction is null)
            {
                pending.Clear();
            }
        }

        foreach (var entity in changed)
        {
            switch (entity)
            {
                case License license:
                    cache.InvalidateLicense(license.Id);
                    break;
                case Activation activation:
                    cache.InvalidateActivation(activation.Id);
                    cache.InvalidateLicense(activation.LicenseId);
                    break;
                case ProductVersion version:
                    cache.InvalidateVersions(version.ProductId);
                    break;
                case Product product:
                    cache.InvalidateProduct(product.Id);
                    break;
                case ApiKey apiKey:
                    memory?.Remove(ApiKeyCacheKeys.For(apiKey.KeyHash));
                    break;
                case User user:
                    accounts.Invalidate(user.Id);
                    subscribers.InvalidateAll();
                    break;
                case WebhookEndpoint:
                    subscribers.InvalidateAll();
                    break;
            }
        }
    }

    /// <summary>
    /// Whether this session saved endpoint or user changes that are not committed yet: what it reads of the webhook
    /// subscribers then includes its own uncommitted rows, which must not be remembered for everyone (it may roll back).
    /// </summary>
    public bool HasUncommittedSubscriberChanges(DbContext context)
    {
        if (!_pending.TryGetValue(context, out var pending))
        {
            return false;
        }

        lock (pending)
        {
            return pending.Exists(e => e is WebhookEndpoint or User);
        }
    }
}
