using KeyBox.Application.Audit.Queries.ListAuditLog;
using KeyBox.Application.Stats.Queries.GetDailyStats;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

/// <summary>
/// Usage statistics and the activity log. An ADMIN sees everything; a DEVELOPER their own products' counts, and the
/// log entries of their own data or of the changes they made.
/// </summary>
[Route("api/internal")]
[Tags("Internal: activity")]
public sealed class ActivityController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>
    /// Every change made through any surface (internal API, KeyBox API, external API, LicenseBox routes, console, CLI),
    /// newest first, paged (<c>per_page</c>, then <c>cursor</c> from <c>meta.next_cursor</c>). Verifications are not
    /// changes and are not logged (see <c>/stats/daily</c>). A malformed filter is refused with 422.
    /// </summary>
    [HttpGet("audit-log", Name = "Internal_ListAuditLog")]
    [ProducesResponseType<InternalPage<AuditEntryResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<AuditEntryResource>> AuditLog([FromQuery] AuditLogQuery filter, [FromQuery] PagingQuery paging, CancellationToken cancellationToken) =>
        PageOf(
            await Mediator.Send(new ListAuditLogQuery(new AuditLogFilter(filter.Actor, filter.Entity, filter.Action, filter.From, filter.To), PageRequestOf(paging)), cancellationToken),
            AuditEntryResource.From,
            "Audit log retrieved successfully.");

    /// <summary>
    /// Verifications, activations, deactivations and downloads per UTC day (every day of the period, zeros included),
    /// of all the caller's products or of one (<c>product_reference_id</c>; 404 when unknown). By default the last 30
    /// days; at most 366. Counted in memory and added to the database in batches (<c>Stats:FlushSeconds</c>, default 5):
    /// the last seconds may not be counted yet.
    /// </summary>
    [HttpGet("stats/daily", Name = "Internal_GetDailyStats")]
    [ProducesResponseType<InternalEnvelope<IReadOnlyList<DailyStatsResource>>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<IReadOnlyList<DailyStatsResource>>> DailyStats([FromQuery] DailyStatsQuery query, CancellationToken cancellationToken)
    {
        var days = await Mediator.Send(new GetDailyStatsQuery(query.From, query.To, query.ProductReferenceId), cancellationToken);
        return Envelope<IReadOnlyList<DailyStatsResource>>(days.Select(DailyStatsResource.From).ToList(), "Daily statistics retrieved successfully.");
    }
}
