using KeyBox.Application.Users.Commands.CreateUser;
using KeyBox.Application.Users.Commands.UpdateUser;
using KeyBox.Application.Users.Queries.GetUser;
using KeyBox.Application.Users.Queries.ListUsers;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

/// <summary>Accounts. ADMIN only: a DEVELOPER (bearer token or API key) gets 403 FORBIDDEN.</summary>
[Route("api/internal/users")]
[Tags("Internal: users")]
public sealed class UsersController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>Lists accounts, oldest first (ADMIN only).</summary>
    [HttpGet(Name = "Internal_ListUsers")]
    [ProducesResponseType<InternalPage<UserResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<UserResource>> List([FromQuery] PagingQuery paging, CancellationToken cancellationToken) =>
        PageOf(await Mediator.Send(new ListUsersQuery(PageRequestOf(paging)), cancellationToken), UserResource.From, "Users retrieved successfully.");

    /// <summary>Creates an account (ADMIN only); a taken email is 409.</summary>
    [HttpPost(Name = "Internal_CreateUser")]
    [ProducesResponseType<InternalEnvelope<UserResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var user = await Mediator.Send(new CreateUserCommand(
            request.Email ?? string.Empty, request.Name ?? string.Empty, request.Role, request.Password ?? string.Empty), cancellationToken);
        return CreatedEnvelope(UserResource.From(user), "User created successfully.");
    }

    /// <summary>One account (ADMIN only).</summary>
    [HttpGet("{id:guid}", Name = "Internal_GetUser")]
    [ProducesResponseType<InternalEnvelope<UserResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<UserResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(UserResource.From(await Mediator.Send(new GetUserQuery(id), cancellationToken)), "User retrieved successfully.");

    /// <summary>
    /// Renames, changes the role, deactivates / reactivates or sets a new password (ADMIN only). A role change, a
    /// deactivation or a new password stops the account's existing tokens at once on every server process; a
    /// deactivation also its API keys. The last active ADMIN can be neither deactivated nor demoted (409).
    /// </summary>
    [HttpPut("{id:guid}", Name = "Internal_UpdateUser")]
    [ProducesResponseType<InternalEnvelope<UserResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<InternalEnvelope<UserResource>> Update(Guid id, UpdateUserRequest request, CancellationToken cancellationToken) =>
        Envelope(UserResource.From(await Mediator.Send(new UpdateUserCommand(id, request.Name, request.Role, request.IsActive, request.Password), cancellationToken)),
            "User updated successfully.");
}
