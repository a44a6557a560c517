using KeyBox.Application.Products.Commands.CreateProject;
using KeyBox.Application.Products.Commands.DeleteProduct;
using KeyBox.Application.Products.Commands.UpdateProject;
using KeyBox.Application.Products.Queries.GetProject;
using KeyBox.Application.Products.Queries.ListProjects;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>
/// Projects: the vendor's products (the same products the other APIs serve; <c>referenceId</c> is their
/// <c>product_id</c>). A developer sees only their own; an admin sees all. Another owner's project is 404.
/// </summary>
[Route("projects")]
[Tags("KeyBox: projects")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
public sealed class ProjectsController(IMediator mediator) : KeyBoxApiController(mediator)
{
    /// <summary>
    /// Creates a project (<c>name</c> or <c>projectName</c>), optionally for a client. With <c>duration</c> (months,
    /// 1–12) it also issues a pending license of that duration (and <c>services</c>) to the project's client, in the same
    /// transaction: both are created or neither. <c>data</c> is <c>{project, license}</c>, <c>license</c> null without a
    /// duration.
    /// </summary>
    [HttpPost(Name = "KeyBox_CreateProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectCreatedResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(ProjectRequest request, CancellationToken cancellationToken)
    {
        var created = await Mediator.Send(new CreateProjectCommand(request.EitherName, request.ClientId, request.Duration, request.Services), cancellationToken);
        return CreatedEnvelope(
            new ProjectCreatedResource(ProjectResource.From(created.Project), created.License is null ? null : LicenseResource.From(created.License)),
            "Project created successfully.");
    }

    /// <summary>The caller's projects, oldest first (an admin's: everyone's); <c>clientId</c> keeps those made for one client.</summary>
    [HttpGet(Name = "KeyBox_ListProjects")]
    [ProducesResponseType<KeyBoxEnvelope<IReadOnlyList<ProjectResource>>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<IReadOnlyList<ProjectResource>>> List([FromQuery] Guid? clientId, CancellationToken cancellationToken) =>
        Envelope<IReadOnlyList<ProjectResource>>((await Mediator.Send(new ListProjectsQuery(clientId), cancellationToken)).Select(ProjectResource.From).ToList(), "Projects retrieved successfully.");

    [HttpGet("{id:guid}", Name = "KeyBox_GetProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new GetProjectQuery(id), cancellationToken)), "Project retrieved successfully.");

    /// <summary>Replaces a project's name (required) and client (absent or null: none).</summary>
    [HttpPut("{id:guid}", Name = "KeyBox_ReplaceProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Replace(Guid id, ProjectRequest request, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new UpdateProjectCommand(id, request.EitherName, request.ClientId, SetClient: true, Partial: false), cancellationToken)), "Project updated successfully.");

    /// <summary>Changes the fields given: <c>name</c>/<c>projectName</c>, <c>clientId</c> (null detaches the client).</summary>
    [HttpPatch("{id:guid}", Name = "KeyBox_UpdateProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Update(Guid id, ProjectRequest request, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new UpdateProjectCommand(id, request.EitherName, request.ClientId, request.ClientIdSent, Partial: true), cancellationToken)), "Project updated successfully.");

    /// <summary>Deletes a project (and its versions). Refused with 409 while licenses for it exist. <c>data</c> is the deleted project.</summary>
    [HttpDelete("{id:guid}", Name = "KeyBox_DeleteProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Delete(Guid id, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new DeleteProductCommand(id), cancellationToken)), "Project deleted successfully.");
}
