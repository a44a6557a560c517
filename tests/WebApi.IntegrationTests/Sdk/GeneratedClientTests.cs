using System.Security.Cryptography;
using System.Text.Json;
using KeyBox.Client;
using KeyBox.Client.Licensing;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Sdk;

/// <summary>
/// The internal and external APIs driven through the generated client (KeyBox.Client) against the real server. Every
/// response is read by the generated DTOs, whose required properties System.Text.Json checks: a body that lacks a
/// field the document promises fails here.
/// </summary>
public sealed class GeneratedClientTests : SdkTest
{
    private string _storeDirectory = null!;

    [SetUp]
    public void CreateStoreDirectory() => _storeDirectory = Directory.CreateTempSubdirectory("keybox-sdk-").FullName;

    [TearDown]
    public void DeleteStoreDirectory() => Directory.Delete(_storeDirectory, recursive: true);

    [Test]
    public async Task A_product_release_and_license_go_through_activation_verification_update_download_and_deactivation()
    {
        var admin = InternalApi();
        var product = await admin.InternalProducts.CreateProductAsync(new CreateProductRequest { ReferenceId = "SDK-APP", Name = "SDK App" });
        Assert.That(product.Data.ReferenceId, Is.EqualTo("SDK-APP"));
        Assert.That(product.Data.IsActive, Is.True, "is_active defaults to true when not sent");

        await admin.InternalVersions.CreateVersionAsync("SDK-APP", new CreateVersionRequest { VersionId = "v1.0.0", Version = "1.0.0", ReleasedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var release = await admin.InternalVersions.CreateVersionAsync("SDK-APP", new CreateVersionRequest
        {
            VersionId = "v1.1.0",
            Version = "1.1.0",
            Summary = "Faster",
            ReleasedAt = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.That(release.Data.MainFile, Is.Null);

        var bytes = RandomNumberGenerator.GetBytes(200_000);
        await using (var upload = new MemoryStream(bytes))
        {
            var uploaded = await admin.InternalVersions.UploadVersionFileAsync("SDK-APP", "v1.1.0", "main", file: new FileParameter(upload, "sdk-app-1.1.0.zip", "application/zip"));
            Assert.That(uploaded.Data.MainFile, Is.Not.Null);
            Assert.That(uploaded.Data.MainFile!.Size, Is.EqualTo(bytes.Length));
            Assert.That(uploaded.Data.MainFile.FileName, Is.EqualTo("sdk-app-1.1.0.zip"));
            Assert.That(uploaded.Data.MainFile.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        var license = await admin.InternalLicenses.CreateLicenseAsync(new CreateLicenseRequest
        {
            ProductReferenceId = "SDK-APP",
            Type = LicenseType.Perpetual,
            ParallelUses = 1,
            Email = "buyer@example.com",
        });
        Assert.That(license.Data.Type, Is.EqualTo(LicenseType.Perpetual));
        Assert.That(license.Data.Status, Is.EqualTo(LicenseStatus.Active).Or.EqualTo(LicenseStatus.Pending));
        var code = license.Data.LicenseCode;

        // The installation: its site URL and IP are configured once and sent on every call.
        var store = new FileLicenseDataStore(Path.Combine(_storeDirectory, "license.dat"));
        var installation = ExternalApi("https://shop.example.com/store", ip: "203.0.113.7");
        var session = new LicenseSession(installation, "SDK-APP", store) { ClientName = "Shop" };

        var activated = await session.ActivateAsync(code);
        Assert.That(activated.IsActive, Is.True);
        Assert.That(activated.LicResponse, Is.EqualTo(activated.Data.LicenseData));
        Assert.That(await store.LoadAsync(), Is.EqualTo(activated.Data.LicenseData), "the token is stored");

        var activations = await admin.InternalLicenses.ListLicenseActivationsAsync(license.Data.Id);
        var activation = activations.Data.Single();
        Assert.That(activation.Domain, Is.EqualTo("shop.example.com"), "X-API-URL from the options");
        Assert.That(activation.Ip, Is.EqualTo("203.0.113.7"), "X-API-IP from the options");
        Assert.That(activation.ClientName, Is.EqualTo("Shop"));

        // A new session (a restart) finds the token in the store.
        var restarted = new LicenseSession(installation, "SDK-APP", store);
        var verified = await restarted.VerifyAsync();
        Assert.That(verified.IsActive, Is.True);
        Assert.That(verified.Message, Is.EqualTo("Verified."));

        var update = await restarted.CheckForUpdateAsync("1.0.0");
        Assert.That(update.UpdateAvailable, Is.True);
        Assert.That(update.Version, Is.EqualTo("1.1.0"));
        Assert.That(update.UpdateId, Is.EqualTo("v1.1.0"));
        Assert.That(update.Summary, Is.EqualTo("Faster"));

        var latest = await restarted.CheckForUpdateAsync("1.1.0");
        Assert.That(latest.UpdateAvailable, Is.False);
        Assert.That(latest.Version, Is.Null);
        Assert.That(latest.UpdateId, Is.Null);

        using (var download = await restarted.DownloadUpdateAsync(update.UpdateId!))
        {
            Assert.That(download.StatusCode, Is.EqualTo(200));
            using var copy = new MemoryStream();
            await download.Stream.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(bytes), "the downloaded file is the uploaded one");
            Assert.That(download.Headers["X-Checksum-SHA256"].Single(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        var deactivated = await restarted.DeactivateAsync();
        Assert.That(deactivated.IsActive, Is.True);
        Assert.That(deactivated.Message, Is.EqualTo("Deactivated."));
        Assert.That(File.Exists(store.Path), Is.False, "the token is forgotten");
        Assert.That(await restarted.GetLicenseDataAsync(), Is.Null);
        Assert.That((await admin.InternalLicenses.ListLicenseActivationsAsync(license.Data.Id)).Data.Single().IsActive, Is.False, "the seat is free");
    }

    [Test]
    public async Task An_unknown_license_fails_with_the_external_envelope_as_a_typed_exception()
    {
        var admin = InternalApi();
        await admin.InternalProducts.CreateProductAsync(new CreateProductRequest { ReferenceId = "SDK-APP", Name = "SDK App" });
        var session = new LicenseSession(ExternalApi(), "SDK-APP");

        var failure = await FailureOf<ExternalError>(() => session.ActivateAsync("NO-SUCH-LICENSE"));

        Assert.That(failure.StatusCode, Is.EqualTo(404));
        Assert.That(failure.Result.Code, Is.EqualTo("LICENSE_NOT_FOUND"));
        Assert.That(failure.Result.IsActive, Is.False);
        Assert.That(failure.Result.Status, Is.False);
        Assert.That(failure.Result.Message, Is.Not.Empty);
        Assert.That(failure.Result.AdditionalProperties, Does.ContainKey("lic_response"), "activation failures add lic_response: null");
        Assert.That(failure.Result.AdditionalProperties["lic_response"] is null or JsonElement { ValueKind: JsonValueKind.Null }, Is.True);
        Assert.That(await session.GetLicenseDataAsync(), Is.Null, "nothing is stored after a failed activation");
    }

    [Test]
    public async Task Verifying_a_tampered_token_fails_with_a_typed_exception()
    {
        var admin = InternalApi();
        await admin.InternalProducts.CreateProductAsync(new CreateProductRequest { ReferenceId = "SDK-APP", Name = "SDK App" });
        var license = await admin.InternalLicenses.CreateLicenseAsync(new CreateLicenseRequest { ProductReferenceId = "SDK-APP", ParallelUses = 1 });
        var store = new InMemoryLicenseDataStore();
        var session = new LicenseSession(ExternalApi(), "SDK-APP", store);
        await session.ActivateAsync(license.Data.LicenseCode);

        var token = (await store.LoadAsync())!;
        await store.SaveAsync(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        var failure = await FailureOf<ExternalError>(() => new LicenseSession(ExternalApi(), "SDK-APP", store).VerifyAsync());

        Assert.That(failure.StatusCode, Is.EqualTo(403).Or.EqualTo(404).Or.EqualTo(422));
        Assert.That(failure.Result.Code, Is.Not.Empty);
        Assert.That(failure.Result.IsActive, Is.False);
    }

    [Test]
    public async Task Internal_failures_carry_the_internal_envelope()
    {
        var admin = InternalApi();

        var missing = await FailureOf<InternalError>(() => admin.InternalProducts.GetProductAsync("NOPE"));
        Assert.That(missing.StatusCode, Is.EqualTo(404));
        Assert.That(missing.Result.Status, Is.False);
        Assert.That(missing.Result.Message, Is.Not.Empty);

        var invalid = await FailureOf<InternalError>(() => admin.InternalProducts.CreateProductAsync(new CreateProductRequest { Name = "No reference" }));
        Assert.That(invalid.StatusCode, Is.EqualTo(422));
        Assert.That(invalid.Result.Errors, Is.Not.Null);
        Assert.That(invalid.Result.Errors!.Keys, Does.Contain("reference_id"));

        var external = ExternalApi();
        var refused = await FailureOf<InternalError>(() => external.InternalProducts.ListProductsAsync());
        Assert.That(refused.StatusCode, Is.EqualTo(403), "an external key may not call the internal API");

        var anonymous = Api(new KeyBoxClientOptions());
        var unauthenticated = await FailureOf<ExternalError>(() => anonymous.ExternalConnection.ConnectionCheckAsync());
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(401));
        Assert.That(unauthenticated.Result.IsActive, Is.False);
    }

    [Test]
    public async Task Updates_send_only_the_fields_that_are_set()
    {
        var admin = InternalApi();
        await admin.InternalProducts.CreateProductAsync(new CreateProductRequest { ReferenceId = "SDK-APP", Name = "SDK App", Description = "Kept" });

        var updated = await admin.InternalProducts.UpdateProductAsync("SDK-APP", new UpdateProductRequest { Name = "Renamed" });

        Assert.That(updated.Data.Name, Is.EqualTo("Renamed"));
        Assert.That(updated.Data.Description, Is.EqualTo("Kept"), "an unset property is not sent as null");
    }

    [Test]
    public async Task The_KeyBox_api_takes_the_bearer_token_from_the_options()
    {
        var anonymous = Api(new KeyBoxClientOptions());
        var login = await anonymous.KeyBoxAuth.LogInAsync(new KeyBoxLogInRequest { Email = KeyBoxFactory.AdminEmail, Password = KeyBoxFactory.AdminPassword });
        Assert.That(login.Success, Is.True);

        var admin = Api(new KeyBoxClientOptions { BearerToken = login.Data.Token });
        var me = await admin.KeyBoxAuth.GetMeAsync();
        Assert.That(me.Data.Email, Is.EqualTo(KeyBoxFactory.AdminEmail));
        var products = await admin.InternalProducts.ListProductsAsync(perPage: 10);
        Assert.That(products.Status, Is.True, "a bearer token is accepted on the internal API");

        var wrong = await FailureOf<KeyBoxError>(() => anonymous.KeyBoxAuth.LogInAsync(new KeyBoxLogInRequest { Email = KeyBoxFactory.AdminEmail, Password = "wrong-password" }));
        Assert.That(wrong.StatusCode, Is.EqualTo(401));
        Assert.That(wrong.Result.Success, Is.False);
        Assert.That(wrong.Result.Error, Is.Not.Empty);
    }
}
