using KeyBox.Application.Settings.Commands.UpdateSettings;
using KeyBox.Application.Settings.Queries.GetSettings;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal/settings")]
[Tags("Internal: settings")]
public sealed class SettingsController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>The runtime settings (the defaults, 3000 requests per minute by IP address, until changed).</summary>
    [HttpGet(Name = "Internal_GetSettings")]
    [ProducesResponseType<InternalEnvelope<SettingsResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<SettingsResource>> Get(CancellationToken cancellationToken) =>
        Envelope(SettingsResource.From(await Mediator.Send(new GetSettingsQuery(), cancellationToken)), "Settings retrieved successfully.");

    /// <summary>
    /// Changes the runtime settings; omitted fields keep their values. The change applies without a restart: at once
    /// on the process that served this request, and on every other server process within
    /// <c>RateLimiting:SettingsRefreshSeconds</c> (2 s by default).
    /// </summary>
    [HttpPut(Name = "Internal_UpdateSettings")]
    [ProducesResponseType<InternalEnvelope<SettingsResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<SettingsResource>> Update(UpdateSettingsRequest request, CancellationToken cancellationToken)
    {
        var settings = await Mediator.Send(new UpdateSettingsCommand(request.LmRequestsRateLimitingPeriod, request.LmRequestsRateLimitingMethod), cancellationToken);
        return Envelope(SettingsResource.From(settings), "Settings updated successfully.");
    }
}
