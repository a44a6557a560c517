using KeyBox.Application.Products.Commands.CreateProject;
using KeyBox.Application.Products.Commands.DeleteProduct;
using KeyBox.Application.Products.Commands.UpdateProject;
using KeyBox.Application.Products.Queries.GetProject;
using KeyBox.Application.Products.Queries.ListProjects;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>
/// Projects: the vendor's products (the same products the other APIs serve; <c>referenceId</c> is their
/// <c>product_id</c>). A developer sees only their own; an admin sees all. Another owner's project is 404.
/// </summary>
[Route("projects")]
[Tags("KeyBox: projects")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public sealed class ProjectsController(IMediator mediator) : KeyBoxApiController(mediator)
{
    [OpenApiOperation("Creates a project (name or projectName), optionally for a client", "Creates a project (name or projectName), optionally for a client. With duration (months, 1–12) it also issues a pending license of that duration (and services) to the project's client, in the same transaction: both are created or neither. data is {project, license}, license null without a duration.")]
    [HttpPost(Name = "KeyBox_CreateProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectCreatedResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(ProjectRequest request, CancellationToken cancellationToken)
    {
        var created = await Mediator.Send(new CreateProjectCommand(request.EitherName, request.ClientId, request.Duration, request.Services), cancellationToken);
        return CreatedEnvelope(
            new ProjectCreatedResource(ProjectResource.From(created.Project), created.License is null ? null : LicenseResource.From(created.License)),
            "Project created successfully.");
    }

    /// <summary>
    /// The caller's projects, oldest first (an admin's: everyone's); <c>clientId</c> keeps those made for one client. At
    /// most Lists:MaxItems (default 1,000) per call; meta.hasMore and a Link rel="next" header say when more exist.
    /// </summary>
    [HttpGet(Name = "KeyBox_ListProjects")]
    [ProducesResponseType<KeyBoxList<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxList<ProjectResource>> List([FromQuery] Guid? clientId, [FromQuery] KeyBoxPagingQuery paging, CancellationToken cancellationToken) =>
        ListOf(await Mediator.Send(new ListProjectsQuery(PageRequestOf(paging), clientId), cancellationToken), ProjectResource.From, "Projects retrieved successfully.");

    [HttpGet("{id:guid}", Name = "KeyBox_GetProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new GetProjectQuery(id), cancellationToken)), "Project retrieved successfully.");

    [OpenApiOperation("Replaces a project's name (required) and client (absent or null", "Replaces a project's name (required) and client (absent or null: none).")]
    [HttpPut("{id:guid}", Name = "KeyBox_ReplaceProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Replace(Guid id, ProjectRequest request, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new UpdateProjectCommand(id, request.EitherName, request.ClientId, SetClient: true, Partial: false), cancellationToken)), "Project updated successfully.");

    [OpenApiOperation("Changes the fields given", "Changes the fields given: name/projectName, clientId (null detaches the client).")]
    [HttpPatch("{id:guid}", Name = "KeyBox_UpdateProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Update(Guid id, ProjectRequest request, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new UpdateProjectCommand(id, request.EitherName, request.ClientId, request.ClientIdSent, Partial: true), cancellationToken)), "Project updated successfully.");

    [OpenApiOperation("Deletes a project (and its versions)", "Deletes a project (and its versions). Refused with 409 while licenses for it exist. data is the deleted project.")]
    [HttpDelete("{id:guid}", Name = "KeyBox_DeleteProject")]
    [ProducesResponseType<KeyBoxEnvelope<ProjectResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<KeyBoxEnvelope<ProjectResource>> Delete(Guid id, CancellationToken cancellationToken) =>
        Envelope(ProjectResource.From(await Mediator.Send(new DeleteProductCommand(id), cancellationToken)), "Project deleted successfully.");
}
