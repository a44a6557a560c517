using KeyBox.Domain.Usage;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Counts verifications, activations, deactivations and downloads per owner, product and day. Counting is an in-memory
/// increment: implementations add the counts to the database in batches, never a write per request.
/// </summary>
public interface IUsageCounter
{
    void Count(Guid ownerId, Guid productId, UsageKind kind, DateTimeOffset at);
}
