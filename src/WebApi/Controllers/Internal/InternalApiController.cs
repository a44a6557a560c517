using Asp.Versioning;
using KeyBox.Application.Common.Models;
using KeyBox.WebApi.Contracts.Internal;
using KeyBox.WebApi.Http.RateLimiting;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

/// <summary>Base of the internal (admin) API: snake_case, <c>{status,message,data}</c>, internal credentials.</summary>
[ApiController]
[ApiVersion("1.0")]
[Authorize(Policy = Policies.Internal)]
[Produces("application/json")]
[ProducesResponseType<InternalError>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<InternalError>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<InternalError>(StatusCodes.Status422UnprocessableEntity)]
[ProducesResponseType<InternalError>(StatusCodes.Status429TooManyRequests)]
[InternalRateLimit]
public abstract class InternalApiController(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;

    protected static InternalEnvelope<T> Envelope<T>(T data, string message) => new(true, message, data);

    protected ObjectResult CreatedEnvelope<T>(T data, string message) =>
        StatusCode(StatusCodes.Status201Created, new InternalEnvelope<T>(true, message, data));

    protected static InternalPage<TResource> PageOf<TDto, TResource>(Page<TDto> page, Func<TDto, TResource> map, string message) =>
        new(true, message, page.Items.Select(map).ToList(), new PageMeta(page.PerPage, page.HasMore, page.NextCursor, page.Total));

    protected static PageRequest PageRequestOf(PagingQuery paging) =>
        new(paging.PerPage ?? PageRequest.DefaultPerPage, paging.Cursor, paging.Page);
}
