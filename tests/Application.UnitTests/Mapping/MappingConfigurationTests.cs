using AutoMapper;
using KeyBox.Application.ApiKeys;
using KeyBox.Application.Products;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Products;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyBox.Application.UnitTests.Mapping;

public sealed class MappingConfigurationTests
{
    /// <summary>The licence key as the server reads it (<c>AutoMapper:LicenseKey</c>); empty is allowed.</summary>
    private static string? LicenseKey => Environment.GetEnvironmentVariable("AutoMapper__LicenseKey");

    private static MapperConfiguration CreateConfiguration() => new(
        cfg =>
        {
            cfg.LicenseKey = LicenseKey;
            cfg.AddMaps(typeof(DependencyInjection).Assembly);
        },
        NullLoggerFactory.Instance);

    [Test]
    public void The_application_profiles_are_valid()
    {
        var configuration = CreateConfiguration();

        Assert.DoesNotThrow(configuration.AssertConfigurationIsValid);
    }

    [Test]
    public void The_profiles_map_the_aggregates_to_their_DTOs()
    {
        var mapper = CreateConfiguration().CreateMapper();
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var product = Product.Create(Guid.NewGuid(), "PROD-1", "Name", new ProductDetails("d", "e", true, false, true), now);
        var key = ApiKey.Issue("CI", ApiKeyType.External, Guid.NewGuid(), null, now).ApiKey;

        var productDto = mapper.Map<ProductDto>(product);
        var keyDto = mapper.Map<ApiKeyDto>(key);

        Assert.That(productDto.ReferenceId, Is.EqualTo("PROD-1"));
        Assert.That(productDto.LicenseUpdate, Is.True);
        Assert.That(productDto.OwnerId, Is.EqualTo(product.OwnerId));
        Assert.That(keyDto.Id, Is.EqualTo(key.Id));
        Assert.That(keyDto.Name, Is.EqualTo("CI"));
    }
}
