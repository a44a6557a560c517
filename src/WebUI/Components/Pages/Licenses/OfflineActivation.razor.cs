using System.Text;
using System.Text.Json;
using KeyBox.Application.Licenses.Commands.OfflineActivation;
using KeyBox.Domain.Licenses;
using KeyBox.WebUI.Components.Shared;
using KeyBox.WebUI.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace KeyBox.WebUI.Components.Pages.Licenses;

/// <summary>
/// Offline activation in the console: the request a machine without network wrote (pasted or uploaded) fills the
/// fields; Activate sends the same <see cref="OfflineActivationCommand"/> the external API sends, and the signed license
/// file is offered for download. Every signed-in user may use it; the owner rule limits developers to their licenses.
/// </summary>
public sealed partial class OfflineActivation
{
    private const long MaxRequestBytes = 16 * 1024;

    private string? _requestText;
    private string? _productId;
    private string? _licenseCode;
    private string? _fingerprint;
    private string? _clientName;
    private string? _licenseFile;
    private string? _activatedCode;
    private string? _activatedMachine;
    private bool _working;
    private FormErrors? _errors;

    [Inject]
    private ConsoleMediator Mediator { get; set; } = default!;

    private string DownloadHref => "data:application/jwt;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes(_licenseFile ?? string.Empty));

    private string DownloadName => $"license-{_activatedCode}.jwt";

    private void OnRequestPasted(string? text)
    {
        _requestText = text;
        Fill(text);
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxRequestBytes)
        {
            _errors = FormErrors.Message($"The request file is larger than {MaxRequestBytes / 1024} KB: it is not an activation request.");
            return;
        }

        using var reader = new StreamReader(file.OpenReadStream(MaxRequestBytes));
        _requestText = await reader.ReadToEndAsync();
        Fill(_requestText);
    }

    /// <summary>Reads the request's fields into the form (the command's validator judges them on Activate).</summary>
    private void Fill(string? text)
    {
        _errors = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            _productId = Read(json.RootElement, "product_id") ?? _productId;
            _licenseCode = Read(json.RootElement, "license_code") ?? _licenseCode;
            _fingerprint = Read(json.RootElement, "fingerprint") ?? _fingerprint;
            _clientName = Read(json.RootElement, "client_name") ?? _clientName;
        }
        catch (JsonException)
        {
            _errors = FormErrors.Message("The activation request is not JSON: paste the whole file the machine wrote.");
        }
    }

    private static string? Read(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;

    private async Task ActivateAsync()
    {
        _working = true;
        _errors = null;
        _licenseFile = null;
        try
        {
            var place = new ActivationPlace(null, null, null, ClientName: string.IsNullOrWhiteSpace(_clientName) ? null : _clientName.Trim());
            var result = await Mediator.Send(new OfflineActivationCommand(_productId?.Trim(), _licenseCode?.Trim(), _fingerprint?.Trim(), place));
            _licenseFile = result.LicenseFile;
            _activatedCode = result.LicenseCode;
            _activatedMachine = result.Activation.MachineId;
        }
        catch (Exception ex) when (FormErrors.TryFrom(ex) is { } errors)
        {
            _errors = errors;
        }
        finally
        {
            _working = false;
        }
    }
}
