using System.Net;
using System.Security.Cryptography;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Updates;

/// <summary>
/// Uploads and downloads are streamed: moving a 64 MiB file allocates far less than the file's size. Runs on a real
/// Kestrel server (a loopback socket), which also proves that Kestrel's default 30 MB request-body limit is lifted
/// for uploads. The client is created without the factory's redirect handler, which buffers request bodies.
/// </summary>
[NonParallelizable]
public sealed class LargeFileStreamingTests : IntegrationTest
{
    private const long Size = 64L * 1024 * 1024;
    private const long AllocationBudget = Size / 4;

    [Test]
    public async Task A_64_MiB_file_is_uploaded_and_downloaded_without_being_held_in_memory()
    {
        await using var kestrel = new KeyBoxFactory(new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0" });
        kestrel.UseKestrel();
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.That(new Uri(address).Port, Is.Not.EqualTo(80), "served by Kestrel on a loopback port");
        var options = new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false, HandleCookies = false };
        using var admin = kestrel.CreateClient(options);
        admin.DefaultRequestHeaders.Add("X-API-KEY", KeyBoxFactory.InternalKey);
        using var client = kestrel.CreateClient(options);
        client.DefaultRequestHeaders.Add("X-API-KEY", KeyBoxFactory.ExternalKey);

        await SendAsync(admin, HttpMethod.Post, "/api/internal/products", new { name = "Big", reference_id = "BIG" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products/BIG/versions", new { version_id = "v1.0.0", version = "1.0.0" }, HttpStatusCode.Created);
        var expectedSha = GeneratedStream.Sha256Of(Size);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var content = new StreamContent(new GeneratedStream(Size), 81920))
        {
            content.Headers.ContentLength = Size;
            var json = await UpdateFiles.UploadAsync(admin, "BIG", "v1.0.0", "main", content);
            Assert.That(json["data"]!["main_file"]!["size"]!.GetValue<long>(), Is.EqualTo(Size));
            Assert.That(json["data"]!["main_file"]!["sha256"]!.GetValue<string>(), Is.EqualTo(expectedSha));
        }

        var uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var buffer = new byte[81920];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        string? checksumHeader;
        before = GC.GetTotalAllocatedBytes(precise: true);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/external/update/v1.0.0/download/main") { Content = Json(new { product_id = "BIG" }) })
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(Size));
            checksumHeader = response.Headers.GetValues("X-Checksum-SHA256").Single();
            await using var body = await response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                received += read;
            }
        }

        var downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Out.WriteLine($"upload allocated {uploadAllocated:N0} B, download allocated {downloadAllocated:N0} B, file {Size:N0} B");

        Assert.That(received, Is.EqualTo(Size));
        Assert.That(Convert.ToHexStringLower(hash.GetHashAndReset()), Is.EqualTo(expectedSha));
        Assert.That(checksumHeader, Is.EqualTo(expectedSha));
        Assert.That(uploadAllocated, Is.LessThan(AllocationBudget), $"upload allocated {uploadAllocated:N0} bytes for a {Size:N0}-byte file");
        Assert.That(downloadAllocated, Is.LessThan(AllocationBudget), $"download allocated {downloadAllocated:N0} bytes for a {Size:N0}-byte file");
    }
}
