using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Webhooks;

internal static class WebhookDeliveryReads
{
    /// <summary>Adds every attempt of the given deliveries, oldest first, in one query.</summary>
    public static async Task<List<WebhookDeliveryDto>> WithAttemptsAsync(this IReadStore store, IReadOnlyList<WebhookDeliveryDto> deliveries, CancellationToken cancellationToken)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = await store.WebhookDeliveryAttempts
            .Where(a => ids.Contains(a.DeliveryId))
            .OrderBy(a => a.AttemptedAt).ThenBy(a => a.Id)
            .Select(WebhookDeliveryAttemptDto.Projection)
            .ToListAsync(cancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => d with { Attempts = byDelivery[d.Id].ToList() }).ToList();
    }

    public static async Task<WebhookDeliveryDto> GetDeliveryAsync(this IReadStore store, Guid id, CancellationToken cancellationToken)
    {
        var delivery = await store.WebhookDeliveries.Where(d => d.Id == id).Select(WebhookDeliveryDto.Projection).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.WebhookDeliveryNotFound, "Webhook delivery not found.");
        return (await store.WithAttemptsAsync([delivery], cancellationToken))[0];
    }
}
