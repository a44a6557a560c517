using System.Net;
using System.Text;
using KeyBox.Client;
using KeyBox.Client.Licensing;
using KeyBox.Client.Licensing.Signing;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Sdk;

/// <summary>The SDK's side of signed licenses: LicenseFileVerifier, the verified session, offline activation requests.</summary>
public sealed class SignedLicenseSdkTests : SdkTest
{
    private const string Product = "SDK-SIGNED";
    private const string Code = "SDK-SIGNED-0001";

    [Test]
    public async Task LicenseFileVerifier_accepts_this_machines_file_and_refuses_any_other()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 2 });
        var session = new LicenseSession(ExternalApi(), Product) { ClientName = "lab" };
        var request = session.CreateOfflineActivationRequest(Code);
        Assert.That(request, Does.Contain(MachineFingerprint.ForProduct(Product)));
        Assert.That(MachineFingerprint.ForProduct(Product), Does.Match("^[0-9a-f]{64}$"));
        var fingerprint = MachineFingerprint.ForProduct(Product);
        Assert.That(MachineFingerprint.Of(MachineFingerprint.StableMachineId(), Product), Is.EqualTo(fingerprint), "stable");
        Assert.That(MachineFingerprint.ForProduct("OTHER"), Is.Not.EqualTo(MachineFingerprint.ForProduct(Product)), "per product");

        // The request file, posted as it is, activates this machine.
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation", RawJson(request), HttpStatusCode.OK);
        var licenseFile = (string)json["license_file"]!;

        using var http = Server.CreateDefaultClient(new Uri("http://localhost/"));
        var fetched = KeyBoxSigningKeys.FromServer(http);
        var file = await new LicenseFileVerifier(fetched, Product).VerifyAsync(licenseFile);
        Assert.Multiple(() =>
        {
            Assert.That(file.LicenseCode, Is.EqualTo(Code));
            Assert.That(file.Machine, Is.EqualTo(MachineFingerprint.ForProduct(Product)));
            Assert.That(file.ParallelUses, Is.EqualTo(2));
            Assert.That(file.ValidUntil, Is.EqualTo(file.IssuedAt.AddDays(30)));
            Assert.That(fetched.KeyIds, Does.Contain(file.KeyId));
        });

        var embedded = KeyBoxSigningKeys.FromJwks(await http.GetStringAsync("/.well-known/jwks.json"));
        Assert.That((await new LicenseFileVerifier(embedded, Product).VerifyAsync(licenseFile, MachineFingerprint.ForProduct(Product))).LicenseCode, Is.EqualTo(Code));

        var parts = licenseFile.Split('.');
        var changedClaim = parts[0] + "." + ToBase64Url(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(FromBase64Url(parts[1])).Replace("\"parallel_uses\":2", "\"parallel_uses\":9"))) + "." + parts[2];
        var refusals = new Dictionary<string, Func<Task>>
        {
            ["another machine"] = () => new LicenseFileVerifier(embedded, Product).VerifyAsync(licenseFile, "another-machine"),
            ["another product"] = () => new LicenseFileVerifier(embedded, "OTHER").VerifyAsync(licenseFile),
            ["a changed claim"] = () => new LicenseFileVerifier(embedded, Product).VerifyAsync(changedClaim),
            ["a changed signature"] = () => new LicenseFileVerifier(embedded, Product).VerifyAsync(parts[0] + "." + parts[1] + "." + Signing.SignedLicenseTests.Tamper(parts[2])),
            ["not a JWT"] = () => new LicenseFileVerifier(embedded, Product).VerifyAsync("garbage"),
            ["expired"] = () => new LicenseFileVerifier(embedded, Product, new ShiftedClock(TimeSpan.FromDays(31))).VerifyAsync(licenseFile),
            ["not yet valid"] = () => new LicenseFileVerifier(embedded, Product, new ShiftedClock(TimeSpan.FromHours(-1))).VerifyAsync(licenseFile),
            ["an unknown key"] = () => new LicenseFileVerifier(KeyBoxSigningKeys.FromJwks("""{"keys":[]}"""), Product).VerifyAsync(licenseFile),
        };
        foreach (var (name, verify) in refusals)
        {
            Assert.That(async () => await verify(), Throws.TypeOf<KeyBoxSignatureException>(), name);
        }

        // Within the clock-skew allowance.
        await new LicenseFileVerifier(embedded, Product, new ShiftedClock(TimeSpan.FromMinutes(-4))).VerifyAsync(licenseFile);
    }

    [Test]
    public async Task A_verified_session_sends_fresh_nonces_and_refuses_forged_or_replayed_answers()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 2 });
        var options = new KeyBoxClientOptions { ApiKey = KeyBoxFactory.ExternalKey, SiteUrl = new Uri("https://shop.example.com/"), BaseUrl = new Uri("http://localhost/") };

        var session = new LicenseSession(LicenseSession.CreateVerifiedApi(options, innerHandler: Server.Server.CreateHandler()), Product);
        var activated = await session.ActivateAsync(Code);
        Assert.That(activated.LicenseFile, Is.Not.Empty, "activations answer with a license file");
        await session.VerifyAsync();

        var tampering = new TamperingHandler(Server.Server.CreateHandler());
        var attacked = new LicenseSession(LicenseSession.CreateVerifiedApi(options, innerHandler: tampering), Product);
        await attacked.ActivateAsync(Code);
        await attacked.VerifyAsync();
        Assert.That(tampering.Nonces.Distinct().Count(), Is.EqualTo(tampering.Nonces.Count).And.GreaterThanOrEqualTo(2), "a fresh nonce per request");

        tampering.Mode = TamperingHandler.Tamper.ChangeBody;
        Assert.That(async () => await attacked.VerifyAsync(), Throws.TypeOf<KeyBoxSignatureException>().With.Message.Contains("not the body"));
        tampering.Mode = TamperingHandler.Tamper.Replay;
        Assert.That(async () => await attacked.VerifyAsync(), Throws.TypeOf<KeyBoxSignatureException>().With.Message.Contains("replayed"));
        tampering.Mode = TamperingHandler.Tamper.DropSignature;
        Assert.That(async () => await attacked.VerifyAsync(), Throws.TypeOf<KeyBoxSignatureException>().With.Message.Contains("no KeyBox-Signature"));
        tampering.Mode = TamperingHandler.Tamper.None;
        await attacked.VerifyAsync();
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s) => Signing.SignedLicenseTests.Base64Url(s);

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }

    /// <summary>A man in the middle: changes bodies, replays the previous answer, or drops the signature.</summary>
    private sealed class TamperingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public enum Tamper
        {
            None,
            ChangeBody,
            Replay,
            DropSignature,
        }

        private (byte[] Body, string? Signature, HttpStatusCode Status)? _previous;

        public Tamper Mode { get; set; }

        public List<string> Nonces { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("KeyBox-Nonce", out var nonces))
            {
                Nonces.Add(nonces.Single());
            }

            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var signature = response.Headers.TryGetValues("KeyBox-Signature", out var values) ? values.Single() : null;
            var previous = _previous;
            _previous = (body, signature, response.StatusCode);
            switch (Mode)
            {
                case Tamper.ChangeBody:
                    body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Verified.", "Verified!", StringComparison.Ordinal));
                    break;
                case Tamper.Replay when previous is { } p:
                    (body, signature) = (p.Body, p.Signature);
                    break;
                case Tamper.DropSignature:
                    signature = null;
                    break;
            }

            var forged = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(body), RequestMessage = request };
            forged.Content.Headers.ContentType = response.Content.Headers.ContentType;
            if (signature is not null)
            {
                forged.Headers.TryAddWithoutValidation("KeyBox-Signature", signature);
            }

            response.Dispose();
            return forged;
        }
    }
}
