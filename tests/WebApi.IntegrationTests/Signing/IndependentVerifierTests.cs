using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KeyBox.Verification;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Signing;

/// <summary>
/// License files and response signatures checked by independent implementations — BouncyCastle (the server signs with
/// NSec/libsodium), Node.js's crypto, PHP's sodium and Python's cryptography — running the very verifiers
/// docs/offline-licensing.md shows (the doc includes those files verbatim: see <see cref="The_doc_shows_the_verifiers_the_tests_run"/>).
/// Each genuine answer is accepted and each tampering refused, by every verifier.
/// </summary>
public sealed class IndependentVerifierTests : IntegrationTest
{
    private const string Product = "OFFLINE-1";
    private const string Code = "OFFLINE-LIC-001";
    private const string Fingerprint = "3f1c9a0e7b2d4c5a";

    public static readonly string[] Verifiers = ["bouncycastle", "node", "php", "python"];

    private static string DocsDirectory => Path.Combine(RepositoryRoot(), "docs", "offline-licensing");

    [Test]
    public void The_doc_shows_the_verifiers_the_tests_run()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "offline-licensing.md")).ReplaceLineEndings("\n");
        var snippets = new (string Language, string Path)[]
        {
            ("csharp", Path.Combine(RepositoryRoot(), "tests", "WebApi.IntegrationTests", "Signing", "KeyBoxVerifier.cs")),
            ("js", Path.Combine(DocsDirectory, "verify.js")),
            ("php", Path.Combine(DocsDirectory, "verify.php")),
            ("python", Path.Combine(DocsDirectory, "verify.py")),
        };
        foreach (var (language, path) in snippets)
        {
            var block = "```" + language + "\n" + File.ReadAllText(path).ReplaceLineEndings("\n") + "```";
            Assert.That(doc, Does.Contain(block), $"docs/offline-licensing.md shows {Path.GetFileName(path)} verbatim in a ```{language} block");
        }
    }

    [TestCaseSource(nameof(Verifiers))]
    public async Task License_files_verify_and_every_tampering_is_refused(string verifier)
    {
        var verify = VerifierFor(verifier);
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 2 });

        // A file issued 60 days ago (expired 30 days ago), by a key retired then (unpublished since).
        Server.Clock.Advance(TimeSpan.FromDays(-60));
        var expiredFile = await OfflineActivateAsync(Fingerprint);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/signing-keys/rotate", null, HttpStatusCode.OK);
        var retiredKid = (string)JsonNode.Parse(SignedLicenseTests.Base64Url(expiredFile.Split('.')[0]))!["kid"]!;
        Server.Clock.Reset();

        var file = await OfflineActivateAsync(Fingerprint);
        var jwks = await JwksAsync();
        Assert.That(JsonNode.Parse(jwks)!["keys"]!.AsArray().Select(k => (string)k!["kid"]!), Does.Not.Contain(retiredKid), "retired and expired");

        var parts = file.Split('.');
        var payload = Encoding.UTF8.GetString(SignedLicenseTests.Base64Url(parts[1]));
        var changedClaim = parts[0] + "." + SignedLicenseTests.ToBase64Url(Encoding.UTF8.GetBytes(payload.Replace("\"parallel_uses\":2", "\"parallel_uses\":200"))) + "." + parts[2];
        Assert.That(changedClaim, Is.Not.EqualTo(file));
        var changedSignature = parts[0] + "." + parts[1] + "." + SignedLicenseTests.Tamper(parts[2]);

        Assert.That(await verify.LicenseAsync(jwks, file, Product, Fingerprint), Is.True, $"{verifier}: the genuine file");
        Assert.That(await verify.LicenseAsync(jwks, changedClaim, Product, Fingerprint), Is.False, $"{verifier}: a changed claim");
        Assert.That(await verify.LicenseAsync(jwks, changedSignature, Product, Fingerprint), Is.False, $"{verifier}: a changed signature");
        Assert.That(await verify.LicenseAsync(jwks, file, Product, "another-machine"), Is.False, $"{verifier}: another machine");
        Assert.That(await verify.LicenseAsync(jwks, file, "ANOTHER-PRODUCT", Fingerprint), Is.False, $"{verifier}: another product");
        Assert.That(await verify.LicenseAsync(jwks, expiredFile, Product, Fingerprint), Is.False, $"{verifier}: expired, by a retired-and-expired key");

        // Expired alone (its key still published): refused for its expiry.
        Assert.That(await verify.LicenseAsync(jwks, await ExpiredFileWithCurrentKeyAsync(), Product, "fp-expired"), Is.False, $"{verifier}: an expired file");
    }

    [TestCaseSource(nameof(Verifiers))]
    public async Task Response_signatures_verify_and_a_changed_body_or_a_replayed_nonce_is_refused(string verifier)
    {
        var verify = VerifierFor(verifier);
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 2 });
        var jwks = await JwksAsync();

        foreach (var path in new[] { "/api/external/license/check", "/api/external/license/verify" })
        {
            var nonce = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(new { product_id = Product, license_code = Code }) };
            request.Headers.Add("KeyBox-Nonce", nonce);
            using var response = await External.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var signature = response.Headers.GetValues("KeyBox-Signature").Single();

            Assert.That(await verify.ResponseAsync(jwks, signature, body, nonce, path), Is.True, $"{verifier} {path}: the genuine answer ({(int)response.StatusCode})");
            var text = Encoding.UTF8.GetString(body);
            var changed = Encoding.UTF8.GetBytes(text.Contains("\"is_active\":true", StringComparison.Ordinal)
                ? text.Replace("\"is_active\":true", "\"is_active\":false", StringComparison.Ordinal)
                : text.Replace("\"is_active\":false", "\"is_active\":true", StringComparison.Ordinal));
            Assert.That(changed, Is.Not.EqualTo(body));
            Assert.That(await verify.ResponseAsync(jwks, signature, changed, nonce, path), Is.False, $"{verifier} {path}: a changed body");
            Assert.That(await verify.ResponseAsync(jwks, signature, body, Guid.NewGuid().ToString("N"), path), Is.False, $"{verifier} {path}: replayed to a fresh nonce");
            Assert.That(await verify.ResponseAsync(jwks, signature, body, nonce, "/validate"), Is.False, $"{verifier} {path}: another route's answer");
            var parts = signature.Split('.');
            Assert.That(await verify.ResponseAsync(jwks, parts[0] + "." + parts[1] + "." + SignedLicenseTests.Tamper(parts[2]), body, nonce, path), Is.False,
                $"{verifier} {path}: a changed signature");
        }
    }

    private async Task<string> ExpiredFileWithCurrentKeyAsync()
    {
        Server.Clock.Advance(TimeSpan.FromDays(-40));
        try
        {
            return await OfflineActivateAsync("fp-expired");
        }
        finally
        {
            Server.Clock.Reset();
        }
    }

    private async Task<string> OfflineActivateAsync(string fingerprint)
    {
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint }, HttpStatusCode.OK);
        return (string)json["license_file"]!;
    }

    private async Task<string> JwksAsync()
    {
        using var response = await Anonymous.GetAsync("/.well-known/jwks.json");
        return await response.Content.ReadAsStringAsync();
    }

    private static IVerifier VerifierFor(string name) => name switch
    {
        "bouncycastle" => new BouncyCastleVerifier(),
        "node" => ScriptVerifier.Require("node", [Path.Combine(DocsDirectory, "verify.js")], "Node.js (node) is not on PATH"),
        "php" => ScriptVerifier.Require("php", [Path.Combine(DocsDirectory, "verify.php")], "php-cli is not installed (./build.sh test installs it when allowed: apt-get install php-cli)",
            probe: ["-r", "exit(function_exists('sodium_crypto_sign_verify_detached') ? 0 : 1);"]),
        "python" => ScriptVerifier.Require("python3", [Path.Combine(DocsDirectory, "verify.py")], "Python 3 with the cryptography package is not available",
            probe: ["-c", "import cryptography.hazmat.primitives.asymmetric.ed25519"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KeyBox.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KeyBox.sln not found above the test directory.");
    }

    private interface IVerifier
    {
        Task<bool> LicenseAsync(string jwks, string licenseFile, string productId, string fingerprint);

        Task<bool> ResponseAsync(string jwks, string signature, byte[] body, string nonce, string path);
    }

    private sealed class BouncyCastleVerifier : IVerifier
    {
        public Task<bool> LicenseAsync(string jwks, string licenseFile, string productId, string fingerprint) =>
            Task.FromResult(Refuses(() => KeyBoxVerifier.VerifyLicenseFile(jwks, licenseFile, productId, fingerprint)));

        public Task<bool> ResponseAsync(string jwks, string signature, byte[] body, string nonce, string path) =>
            Task.FromResult(Refuses(() => KeyBoxVerifier.VerifyResponse(jwks, signature, body, nonce, path)));

        // A verifier that throws on garbage refuses it too.
        private static bool Refuses(Func<bool> verify)
        {
            try
            {
                return verify();
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>Runs a documented verifier script: exit code 0 is "accepted", anything else "refused".</summary>
    private sealed class ScriptVerifier(string program, string[] script) : IVerifier
    {
        public static ScriptVerifier Require(string program, string[] script, string missing, string[]? probe = null)
        {
            var (exit, output) = RunAsync(program, probe ?? ["--version"]).GetAwaiter().GetResult();
            if (exit != 0)
            {
                Assert.Ignore($"{missing}: skipped. ({program}: {output.Trim()})");
            }

            return new ScriptVerifier(program, script);
        }

        public async Task<bool> LicenseAsync(string jwks, string licenseFile, string productId, string fingerprint)
        {
            using var files = new TempFiles();
            var (exit, output) = await RunAsync(program, [.. script, "license", files.Write(jwks), licenseFile, productId, fingerprint]);
            TestContext.Progress.WriteLine($"{program} license: exit {exit}: {output.Trim()}");
            return exit == 0;
        }

        public async Task<bool> ResponseAsync(string jwks, string signature, byte[] body, string nonce, string path)
        {
            using var files = new TempFiles();
            var (exit, output) = await RunAsync(program, [.. script, "response", files.Write(jwks), signature, files.Write(body), nonce, path]);
            TestContext.Progress.WriteLine($"{program} response: exit {exit}: {output.Trim()}");
            return exit == 0;
        }

        private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
                return (process.ExitCode, await stdout + await stderr);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, ex.Message);
            }
        }
    }

    private sealed class TempFiles : IDisposable
    {
        private readonly List<string> _paths = [];

        public string Write(string text) => Write(Encoding.UTF8.GetBytes(text));

        public string Write(byte[] bytes)
        {
            var path = Path.Combine(Path.GetTempPath(), "keybox-verify-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(path, bytes);
            _paths.Add(path);
            return path;
        }

        public void Dispose()
        {
            foreach (var path in _paths)
            {
                File.Delete(path);
            }
        }
    }
}
