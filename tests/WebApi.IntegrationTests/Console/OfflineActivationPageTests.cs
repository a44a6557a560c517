using KeyBox.Verification;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>The console's offline activation: paste a machine's request, get its license file as a download.</summary>
public sealed class OfflineActivationPageTests : ConsoleBrowserTest
{
    [Test]
    public async Task An_admin_pastes_an_offline_request_sees_field_errors_and_downloads_a_license_file_that_verifies()
    {
        await CreateProductAsync("AIRGAP");
        await CreateLicenseAsync("AIRGAP", new { license_code = "AIRGAP-0001", parallel_uses = 1 });
        await LogInAsAdminAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Offline activation" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Offline activation", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await AssertAccessibleAsync("offline activation");

        // A request whose fingerprint the validator refuses: its message beside the field, no seat taken.
        await Page.GetByLabel("Activation request").FillAsync("""{"product_id":"AIRGAP","license_code":"AIRGAP-0001","fingerprint":"two words"}""");
        await Page.GetByLabel("Activation request").BlurAsync();
        await Expect(Page.GetByLabel("Machine fingerprint")).ToHaveValueAsync("two words");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.GetByText("The fingerprint may only hold printable ASCII characters, without spaces.")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "offline-activation-validation.png"));

        // A license code that does not exist: a plain sentence.
        await Page.GetByLabel("Machine fingerprint").FillAsync("fp-airgap-1");
        await Page.GetByLabel("License code").FillAsync("NO-SUCH-CODE");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your license code is invalid." })).ToBeVisibleAsync();

        await Page.GetByLabel("License code").FillAsync("AIRGAP-0001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "License file" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("offline activation, license file");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "offline-activation-file.png"));

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download license file" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("license-AIRGAP-0001.jwt"));
        var licenseFile = await File.ReadAllTextAsync((await download.PathAsync())!);
        using var http = Kestrel.CreateClient();
        var jwks = await http.GetStringAsync("/.well-known/jwks.json");
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(jwks, licenseFile, "AIRGAP", "fp-airgap-1"), Is.True, "the downloaded file is the signed license file");
    }
}
