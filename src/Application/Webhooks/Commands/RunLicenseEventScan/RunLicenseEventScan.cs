using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Licenses;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Webhooks.Commands.RunLicenseEventScan;

/// <summary>
/// The scheduled scan: emits <c>license.expiring</c> (expiry within <c>Webhooks:ExpiringDays</c>), <c>license.expired</c>
/// and <c>license.update_support_expired</c> once per license and date. Sent by the background scan every
/// <c>Webhooks:ScanIntervalSeconds</c>; any number of processes may run it at once.
/// </summary>
public sealed record RunLicenseEventScanCommand : ICommand<LicenseEventScanResult>, INotAudited;

/// <summary>How many events of each kind this run emitted.</summary>
public sealed record LicenseEventScanResult(int Expiring, int Expired, int UpdateSupportExpired);

public sealed class RunLicenseEventScanCommandHandler(
    IReadStore store,
    ILicenseEventMarks marks,
    IWebhookOutbox outbox,
    IUnitOfWork unitOfWork,
    IOptions<WebhookOptions> options,
    TimeProvider clock) : ICommandHandler<RunLicenseEventScanCommand, LicenseEventScanResult>
{
    private const int BatchSize = 500;

    public async ValueTask<LicenseEventScanResult> Handle(RunLicenseEventScanCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(Math.Max(options.Value.ExpiringDays, 0));
        var since = now.AddDays(-Math.Max(options.Value.ScanLookbackDays, 0));

        var expiring = await EmitAsync(WebhookEventTypes.LicenseExpiring, now, ct =>
            (from l in store.Licenses
             where l.ExpiresAt > now && l.ExpiresAt <= horizon
             where !store.LicenseEventMarks.Any(m => m.LicenseId == l.Id && m.EventType == WebhookEventTypes.LicenseExpiring && m.ConditionDate == l.ExpiresAt)
             orderby l.Id
             select new { l.Id, Date = l.ExpiresAt!.Value }).Take(BatchSize).ToListAsync(ct), c => new LicenseEventCandidate(c.Id, c.Date), cancellationToken);

        var expired = await EmitAsync(WebhookEventTypes.LicenseExpired, now, ct =>
            (from l in store.Licenses
             where l.ExpiresAt <= now && l.ExpiresAt > since
             where !store.LicenseEventMarks.Any(m => m.LicenseId == l.Id && m.EventType == WebhookEventTypes.LicenseExpired && m.ConditionDate == l.ExpiresAt)
             orderby l.Id
             select new { l.Id, Date = l.ExpiresAt!.Value }).Take(BatchSize).ToListAsync(ct), c => new LicenseEventCandidate(c.Id, c.Date), cancellationToken);

        var updateSupportExpired = await EmitAsync(WebhookEventTypes.LicenseUpdateSupportExpired, now, ct =>
            (from l in store.Licenses
             where l.UpdatesUntil <= now && l.UpdatesUntil > since
             where !store.LicenseEventMarks.Any(m => m.LicenseId == l.Id && m.EventType == WebhookEventTypes.LicenseUpdateSupportExpired && m.ConditionDate == l.UpdatesUntil)
             orderby l.Id
             select new { l.Id, Date = l.UpdatesUntil!.Value }).Take(BatchSize).ToListAsync(ct), c => new LicenseEventCandidate(c.Id, c.Date), cancellationToken);

        return new LicenseEventScanResult(expiring, expired, updateSupportExpired);
    }

    /// <summary>
    /// In batches, each in one transaction: mark the candidates (ON CONFLICT DO NOTHING) and write a delivery for each
    /// license this run marked. A license another process marked first is skipped; its event is that process's to emit.
    /// </summary>
    private async Task<int> EmitAsync<TRow>(
        string eventType, DateTimeOffset now, Func<CancellationToken, Task<List<TRow>>> nextBatch, Func<TRow, LicenseEventCandidate> candidate, CancellationToken cancellationToken)
    {
        var emitted = 0;
        while (true)
        {
            await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
            var rows = await nextBatch(cancellationToken);
            if (rows.Count == 0)
            {
                return emitted;
            }

            var marked = await marks.MarkAsync(eventType, rows.Select(candidate).ToList(), now, cancellationToken);
            if (marked.Count > 0)
            {
                await EnqueueAsync(eventType, now, marked, cancellationToken);
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            emitted += marked.Count;
            if (rows.Count < BatchSize)
            {
                return emitted;
            }
        }
    }

    private async Task EnqueueAsync(string eventType, DateTimeOffset now, IReadOnlyList<Guid> licenseIds, CancellationToken cancellationToken)
    {
        var licenses = await store.Rows().Where(r => licenseIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var subscribers = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var row in licenses)
        {
            if (!subscribers.TryGetValue(row.OwnerId, out var endpoints))
            {
                endpoints = await outbox.SubscribersAsync(row.OwnerId, eventType, cancellationToken);
                subscribers[row.OwnerId] = endpoints;
            }

            if (endpoints.Count > 0)
            {
                outbox.Enqueue(endpoints, new WebhookEventMessage(eventType, now, LicenseEventPayload.From(row.ToDto(now))));
            }
        }
    }
}
