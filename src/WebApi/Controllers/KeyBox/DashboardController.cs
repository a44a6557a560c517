using KeyBox.Application.Dashboard.Queries.GetDashboard;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.KeyBox;

[Route("dashboard")]
[Tags("KeyBox: dashboard")]
public sealed class DashboardController(IMediator mediator) : KeyBoxApiController(mediator)
{
    /// <summary>
    /// The caller's clients, projects and licenses with their counts (an admin's: everyone's); <c>clientId</c> narrows it
    /// to one client (404 when not the caller's). <c>licensesByStatus</c> has <c>pending</c>, <c>active</c>, <c>expired</c>,
    /// <c>revoked</c>; <c>activeActivations</c> counts seats in use; <c>validationsLast24h</c> counts the activations
    /// validated or activated in the last 24 hours (recorded in batches: it may lag a few seconds). A fixed number of
    /// database queries whatever the number of rows.
    /// </summary>
    [HttpGet(Name = "KeyBox_GetDashboard")]
    [ProducesResponseType<KeyBoxEnvelope<DashboardResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
    public async Task<KeyBoxEnvelope<DashboardResource>> Get([FromQuery] Guid? clientId, CancellationToken cancellationToken) =>
        Envelope(DashboardResource.From(await Mediator.Send(new GetDashboardQuery(clientId), cancellationToken)), "Dashboard retrieved successfully.");
}
