using KeyBox.WebApi.Http.Uploads;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Describes file transfers as streams, the way the server handles them:
/// <list type="bullet">
/// <item>Downloads: a binary response lists the media types the action declares (<c>application/zip</c>,
/// <c>application/sql</c>) rather than NSwag's generic <c>application/octet-stream</c>.</item>
/// <item>Streamed uploads (<see cref="StreamedUploadAttribute"/>): the body is required, the multipart variant is an
/// object with a binary <c>file</c> part, and the raw variant's file name travels in the <c>file_name</c> query
/// parameter (or a Content-Disposition header), which <see cref="UploadBody"/> reads.</item>
/// </list>
/// </summary>
internal sealed class FileTransfersProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNet)
        {
            return true;
        }

        var operation = context.OperationDescription.Operation;
        DescribeBinaryResponses(aspNet, operation);
        if (aspNet.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<StreamedUploadAttribute>().Any() && operation.RequestBody is { } body)
        {
            DescribeStreamedUpload(operation, body);
        }

        return true;
    }

    private static void DescribeBinaryResponses(AspNetCoreOperationProcessorContext context, OpenApiOperation operation)
    {
        foreach (var declared in context.ApiDescription.SupportedResponseTypes)
        {
            var status = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var mediaTypes = declared.ApiResponseFormats.Select(f => f.MediaType).Where(m => m != "application/json").Distinct().ToList();
            if (mediaTypes.Count == 0 || !operation.Responses.TryGetValue(status, out var response)
                || response.Content.Count == 0 || !response.Content.Values.All(c => c.Schema?.ActualSchema.IsBinary == true))
            {
                continue;
            }

            response.Content.Clear();
            foreach (var mediaType in mediaTypes)
            {
                response.Content[mediaType] = new OpenApiMediaType { Schema = Binary() };
            }
        }
    }

    private static void DescribeStreamedUpload(OpenApiOperation operation, OpenApiRequestBody body)
    {
        body.IsRequired = true;
        body.Description = "The file: the raw bytes (any content type), or multipart/form-data whose part named 'file' is the file.";
        if (body.Content.ContainsKey("multipart/form-data"))
        {
            var form = new JsonSchema { Type = JsonObjectType.Object };
            form.Properties["file"] = new JsonSchemaProperty { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary };
            form.RequiredProperties.Add("file");
            body.Content["multipart/form-data"] = new OpenApiMediaType { Schema = form };
        }

        if (!operation.Parameters.Any(p => p.Name == "file_name"))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "file_name",
                Kind = OpenApiParameterKind.Query,
                IsRequired = false,
                Description = "The file's name, for a raw body (a Content-Disposition header works too); a multipart part carries its own.",
                Schema = new JsonSchema { Type = JsonObjectType.String },
                Position = (operation.Parameters.Count == 0 ? 0 : operation.Parameters.Max(p => p.Position ?? 0)) + 1,
            });
        }
    }

    private static JsonSchema Binary() => new() { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary };
}
