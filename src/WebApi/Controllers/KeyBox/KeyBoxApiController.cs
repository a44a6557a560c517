using Asp.Versioning;
using KeyBox.Application.Common.Models;
using Microsoft.AspNetCore.WebUtilities;
using KeyBox.WebApi.Contracts.KeyBox;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>
/// Base of the KeyBox API (root routes): camelCase, <c>{success,message,data}</c>, a bearer token from
/// <c>POST /auth/login</c> unless an action allows anonymous calls. Invalid input is 400.
/// </summary>
[ApiController]
[ApiVersion("1.0")]
[Authorize(Policy = Policies.KeyBox)]
[Produces("application/json")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public abstract class KeyBoxApiController(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;

    protected static KeyBoxEnvelope<T> Envelope<T>(T data, string message) => new(true, message, data);

    protected ObjectResult CreatedEnvelope<T>(T data, string message) =>
        StatusCode(StatusCodes.Status201Created, new KeyBoxEnvelope<T>(true, message, data));

    /// <summary>Without <c>perPage</c> the page is as large as the list cap allows (the handler applies the cap).</summary>
    protected static PageRequest PageRequestOf(KeyBoxPagingQuery paging) =>
        new(paging.PerPage ?? int.MaxValue, paging.Cursor, paging.Page);

    /// <summary>The page as the array it always was, plus <c>meta</c>; when more exist, a <c>Link: &lt;...&gt;; rel="next"</c> header.</summary>
    protected KeyBoxList<TResource> ListOf<TDto, TResource>(Page<TDto> page, Func<TDto, TResource> map, string message)
    {
        if (page.HasMore && page.NextCursor is { } next)
        {
            var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
                .Where(p => p.Key is not ("cursor" or "page"))
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
                .Append(new("cursor", next));
            Response.Headers.Append("Link", $"<{QueryHelpers.AddQueryString(Request.PathBase + Request.Path, query)}>; rel=\"next\"");
        }

        return new KeyBoxList<TResource>(true, message, page.Items.Select(map).ToList(), new KeyBoxPageMeta(page.PerPage, page.HasMore, page.NextCursor));
    }
}
