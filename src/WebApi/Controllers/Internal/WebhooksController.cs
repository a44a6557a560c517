using KeyBox.Application.Webhooks.Commands.CreateWebhookEndpoint;
using KeyBox.Application.Webhooks.Commands.DeleteWebhookEndpoint;
using KeyBox.Application.Webhooks.Commands.RedeliverWebhookDelivery;
using KeyBox.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using KeyBox.Application.Webhooks.Queries.GetWebhookEndpoint;
using KeyBox.Application.Webhooks.Queries.ListWebhookDeliveries;
using KeyBox.Application.Webhooks.Queries.ListWebhookEndpoints;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

/// <summary>
/// Webhook endpoints and their delivery log. Events: license.created, license.activated, license.deactivated,
/// license.blocked, license.unblocked (when they happen), license.expiring, license.expired,
/// license.update_support_expired (from the scheduled scan). Each is POSTed as <c>{"event_type","timestamp","payload"}</c>
/// with X-Webhook-Event, X-Webhook-Delivery (the same on every retry), X-Webhook-Timestamp (unix seconds) and
/// X-Webhook-Signature (lowercase hex HMAC-SHA256 of the raw body with the endpoint's secret). Any 2xx is success;
/// otherwise it is retried after about 30 s, 1, 2, 4, 8, 16 and 32 minutes (plus up to 50 % jitter), then marked failed.
/// </summary>
[Route("api/internal")]
[Tags("Internal: webhooks")]
[ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
public sealed class WebhooksController(IMediator mediator) : InternalApiController(mediator)
{
    [HttpGet("webhooks", Name = "Internal_ListWebhooks")]
    [ProducesResponseType<InternalPage<WebhookResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<WebhookResource>> List([FromQuery] PagingQuery paging, CancellationToken cancellationToken) =>
        PageOf(await Mediator.Send(new ListWebhookEndpointsQuery(PageRequestOf(paging)), cancellationToken), WebhookResource.From, "Webhooks retrieved successfully.");

    /// <summary>Registers an endpoint. The response carries its secret (given or generated), shown this once.</summary>
    [HttpPost("webhooks", Name = "Internal_CreateWebhook")]
    [ProducesResponseType<InternalEnvelope<CreatedWebhookResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var created = await Mediator.Send(new CreateWebhookEndpointCommand(request.Url, request.Secret, request.Events, request.IsActive), cancellationToken);
        return CreatedEnvelope(CreatedWebhookResource.From(created), "Webhook created successfully. Store the secret now: it is not shown again.");
    }

    [HttpGet("webhooks/{id:guid}", Name = "Internal_GetWebhook")]
    [ProducesResponseType<InternalEnvelope<WebhookResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<WebhookResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(WebhookResource.From(await Mediator.Send(new GetWebhookEndpointQuery(id), cancellationToken)), "Webhook retrieved successfully.");

    /// <summary>Changes an endpoint; omitted fields keep their values. A new secret is not echoed back.</summary>
    [HttpPut("webhooks/{id:guid}", Name = "Internal_UpdateWebhook")]
    [ProducesResponseType<InternalEnvelope<WebhookResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<WebhookResource>> Update(Guid id, UpdateWebhookRequest request, CancellationToken cancellationToken)
    {
        var updated = await Mediator.Send(new UpdateWebhookEndpointCommand(id, request.Url, request.Secret, request.Events, request.IsActive), cancellationToken);
        return Envelope(WebhookResource.From(updated), "Webhook updated successfully.");
    }

    /// <summary>Deletes an endpoint with its delivery log (deliveries not sent yet are dropped).</summary>
    [HttpDelete("webhooks/{id:guid}", Name = "Internal_DeleteWebhook")]
    [ProducesResponseType<InternalEnvelope<WebhookResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<WebhookResource>> Delete(Guid id, CancellationToken cancellationToken) =>
        Envelope(WebhookResource.From(await Mediator.Send(new DeleteWebhookEndpointCommand(id), cancellationToken)), "Webhook deleted successfully.");

    /// <summary>The endpoint's deliveries, oldest first (keyset paging), each with every attempt: time, status code, duration, error.</summary>
    [HttpGet("webhooks/{id:guid}/deliveries", Name = "Internal_ListWebhookDeliveries")]
    [ProducesResponseType<InternalPage<WebhookDeliveryResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<WebhookDeliveryResource>> Deliveries(Guid id, [FromQuery] PagingQuery paging, CancellationToken cancellationToken) =>
        PageOf(await Mediator.Send(new ListWebhookDeliveriesQuery(id, PageRequestOf(paging)), cancellationToken), WebhookDeliveryResource.From, "Webhook deliveries retrieved successfully.");

    /// <summary>Sends a delivery again at once: same X-Webhook-Delivery id and body, a fresh set of attempts. 409 while it is being sent.</summary>
    [HttpPost("webhook-deliveries/{id:guid}/redeliver", Name = "Internal_RedeliverWebhookDelivery")]
    [ProducesResponseType<InternalEnvelope<WebhookDeliveryResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<InternalEnvelope<WebhookDeliveryResource>> Redeliver(Guid id, CancellationToken cancellationToken) =>
        Envelope(WebhookDeliveryResource.From(await Mediator.Send(new RedeliverWebhookDeliveryCommand(id), cancellationToken)), "Webhook delivery queued for redelivery.");
}
