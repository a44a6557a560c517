using KeyBox.Application.Dashboard.Queries.GetDashboard;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.KeyBox;

[Route("dashboard")]
[Tags("KeyBox: dashboard")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public sealed class DashboardController(IMediator mediator) : KeyBoxApiController(mediator)
{
    [OpenApiOperation("The caller's clients, projects and licenses with their counts (an admin's", "The caller's clients, projects and licenses with their counts (an admin's: everyone's); clientId narrows it to one client (404 when not the caller's). licensesByStatus has pending, active, expired, revoked; activeActivations counts seats in use; validationsLast24h counts the activations validated or activated in the last 24 hours (recorded in batches: it may lag a few seconds). Counts are aggregated in SQL; the nested lists hold at most Lists:MaxItems (default 1,000) clients, projects and licenses each, oldest first, and truncated is true when one was cut. A fixed number of database queries whatever the number of rows.")]
    [HttpGet(Name = "KeyBox_GetDashboard")]
    [ProducesResponseType<KeyBoxEnvelope<DashboardResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
    public async Task<KeyBoxEnvelope<DashboardResource>> Get([FromQuery] Guid? clientId, CancellationToken cancellationToken) =>
        Envelope(DashboardResource.From(await Mediator.Send(new GetDashboardQuery(clientId), cancellationToken)), "Dashboard retrieved successfully.");
}
