using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>The configured upload limit, as the product page shows and applies it (a server with a 1 MiB limit).</summary>
public sealed class ConsoleUploadLimitTests : ConsoleBrowserTest
{
    protected override IReadOnlyDictionary<string, string?> ServerSettings { get; } = new Dictionary<string, string?>
    {
        ["Storage:MaxUploadBytes"] = (1024 * 1024).ToString(),
    };

    [Test]
    public async Task A_file_over_the_configured_limit_is_refused_before_it_is_sent()
    {
        await CreateProductAsync("SMALL");
        await CreateVersionAsync("SMALL", "1.0.0", "1.0.0");
        await LogInAsAdminAsync();
        await OpenAsync("products/SMALL");
        var version = Page.GetByRole(AriaRole.Region, new() { Name = "Version 1.0.0" });
        await Expect(version.GetByTestId("file-main")).ToContainTextAsync("Largest file: 1 MiB");

        await version.GetByLabel("Upload the main file of 1.0.0").SetInputFilesAsync(new FilePayload
        {
            Name = "big.zip",
            MimeType = "application/zip",
            Buffer = new byte[2 * 1024 * 1024],
        });
        await Expect(version.GetByRole(AriaRole.Alert)).ToContainTextAsync("big.zip is 2 MiB: larger than the upload limit of 1 MiB.");
        await Expect(version.GetByTestId("file-main")).ToContainTextAsync("No file yet.");

        // Within the limit it is stored.
        await version.GetByLabel("Upload the main file of 1.0.0").SetInputFilesAsync(new FilePayload
        {
            Name = "small.zip",
            MimeType = "application/zip",
            Buffer = new byte[512 * 1024],
        });
        await Expect(version.GetByTestId("file-main").GetByTestId("file-size")).ToContainTextAsync("524,288 bytes");
        var stored = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/SMALL/versions/1.0.0", null, HttpStatusCode.OK);
        Assert.That((string?)stored["data"]!["main_file"]!["file_name"], Is.EqualTo("small.zip"));
    }
}
