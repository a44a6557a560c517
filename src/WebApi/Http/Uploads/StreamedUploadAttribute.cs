using KeyBox.Application.Common.Models;
using KeyBox.Domain.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace KeyBox.WebApi.Http.Uploads;

/// <summary>
/// For actions that stream the request body themselves: MVC must not read (buffer) the form, the server's default
/// body limit (30 MB in Kestrel) is replaced by <c>Storage:MaxUploadBytes</c> (plus room for multipart framing), and a
/// body announced larger than that is refused with 413 before a byte is read. The exact limit on the file's own
/// bytes is enforced while streaming, which also covers hosts that do not enforce body limits (the test server).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedUploadAttribute : Attribute, IResourceFilter
{
    /// <summary>Room for multipart boundaries and part headers around the file.</summary>
    public const long MultipartAllowance = 64 * 1024;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();

        var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxUploadBytes;
        var request = context.HttpContext.Request;
        var allowed = request.HasFormContentType ? limit + MultipartAllowance : limit;
        if (request.ContentLength > allowed)
        {
            throw new DomainException(ErrorCodes.PayloadTooLarge, $"The file is larger than the upload limit of {limit} bytes.");
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + MultipartAllowance;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
