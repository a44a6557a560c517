using FluentValidation.Results;
using KeyBox.Application.Licenses.Commands.CreateLicense;
using KeyBox.Application.Licenses.Commands.UpdateLicense;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.UnitTests.Validators;

/// <summary>Create and update check a license's terms with the same rules (<c>LicenseTermsValidator</c>).</summary>
public sealed class LicenseTermsValidatorTests
{
    private static readonly CreateLicenseCommandValidator Create = new();
    private static readonly UpdateLicenseCommandValidator Update = new();

    private static CreateLicenseCommand ValidCreate() => new(
        "PROD-001", null, LicenseType.Perpetual, null, "buyer@example.com", 1, null, null, null, null, null, null, null, null);

    private static UpdateLicenseCommand ValidUpdate() => new(
        Guid.NewGuid(), null, null, null, null, null, false, null, null, false, null, null, null, null, null);

    private static readonly string[] TooMany = Enumerable.Range(0, License.MaxListEntries + 1).Select(i => $"host{i}.example.com").ToArray();

    public static IEnumerable<TestCaseData> BadTerms()
    {
        yield return new TestCaseData("Type", (LicenseType?)99, null, null, null, null, null).SetName("Type out of the enum");
        yield return new TestCaseData("ParallelUses", null, 0, null, null, null, null).SetName("ParallelUses below 1");
        yield return new TestCaseData("ParallelUses", null, License.MaxParallelUses + 1, null, null, null, null).SetName("ParallelUses above the maximum");
        yield return new TestCaseData("DurationMonths", null, null, 0, null, null, null).SetName("DurationMonths below 1");
        yield return new TestCaseData("DurationMonths", null, null, License.MaxDurationMonths + 1, null, null, null).SetName("DurationMonths above the maximum");
        yield return new TestCaseData("Email", null, null, null, "not-an-email", null, null).SetName("Email ill-formed");
        yield return new TestCaseData("Domains", null, null, null, null, TooMany, null).SetName("Too many domains");
        yield return new TestCaseData("Domains[0]", null, null, null, null, new[] { "not a domain" }, null).SetName("Domain ill-formed");
        yield return new TestCaseData("Ips", null, null, null, null, null, Enumerable.Repeat("10.0.0.1", License.MaxListEntries + 1).ToArray()).SetName("Too many IPs");
        yield return new TestCaseData("Ips[0]", null, null, null, null, null, new[] { "10.0.0.300" }).SetName("IP ill-formed");
    }

    [TestCaseSource(nameof(BadTerms))]
    public void Create_and_update_refuse_the_same_terms_with_the_same_message(
        string field, LicenseType? type, int? parallelUses, int? durationMonths, string? email, string[]? domains, string[]? ips)
    {
        var create = Create.Validate(ValidCreate() with
        {
            Type = type ?? LicenseType.Perpetual,
            ParallelUses = parallelUses ?? 1,
            DurationMonths = durationMonths,
            Email = email ?? "buyer@example.com",
            Domains = domains,
            Ips = ips,
        });
        var update = Update.Validate(ValidUpdate() with
        {
            Type = type,
            ParallelUses = parallelUses,
            DurationMonths = durationMonths,
            Email = email,
            Domains = domains,
            Ips = ips,
        });

        Assert.That(Failures(create), Is.EqualTo(new[] { field }), "create");
        Assert.That(Failures(update), Is.EqualTo(new[] { field }), "update");
        Assert.That(update.Errors.Select(e => e.ErrorMessage), Is.EqualTo(create.Errors.Select(e => e.ErrorMessage)));
    }

    [Test]
    public void Valid_terms_pass_both()
    {
        Assert.That(Create.Validate(ValidCreate()).IsValid, Is.True);
        Assert.That(Update.Validate(ValidUpdate()).IsValid, Is.True, "an update that changes nothing");
    }

    [Test]
    public void Create_also_refuses_an_expiry_with_a_duration()
    {
        var at = DateTimeOffset.UtcNow.AddYears(1);
        Assert.That(Failures(Create.Validate(ValidCreate() with { ExpiresAt = at, DurationMonths = 12 })), Is.EqualTo(new[] { "DurationMonths" }));
    }

    private static string[] Failures(ValidationResult result) => result.Errors.Select(e => e.PropertyName).Distinct().ToArray();
}
