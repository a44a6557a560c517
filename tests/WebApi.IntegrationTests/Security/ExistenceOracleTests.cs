using System.Net;
using KeyBox.WebApi.IntegrationTests.KeyBoxApi;

namespace KeyBox.WebApi.IntegrationTests.Security;

/// <summary>Issue 14 item 6: a value taken by another tenant is refused exactly like an ill-formed one.</summary>
public sealed class ExistenceOracleTests : KeyBoxApiTest
{
    [Test]
    public async Task Another_tenants_license_code_gets_the_answer_of_an_invalid_code()
    {
        await CreateProductAsync("ADMIN-P");
        await CreateLicenseAsync("ADMIN-P", new { license_code = "TAKEN-CODE-1" });
        using var developer = await DeveloperClientAsync("dev@example.com");
        await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "Mine", reference_id = "DEV-P" }, HttpStatusCode.Created);

        var taken = await SendAsync(developer, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "DEV-P", license_code = "TAKEN-CODE-1" }, HttpStatusCode.UnprocessableEntity);
        var invalid = await SendAsync(developer, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "DEV-P", license_code = "bad code!" }, HttpStatusCode.UnprocessableEntity);

        Assert.That(taken.ToJsonString(), Is.EqualTo(invalid.ToJsonString()), "nothing tells a taken code from an ill-formed one");
    }

    [Test]
    public async Task Another_tenants_product_reference_gets_the_answer_of_an_invalid_reference()
    {
        await CreateProductAsync("TAKEN-REF");
        using var developer = await DeveloperClientAsync("dev@example.com");

        var taken = await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "Mine", reference_id = "TAKEN-REF" }, HttpStatusCode.UnprocessableEntity);
        var invalid = await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "Mine", reference_id = "bad ref!" }, HttpStatusCode.UnprocessableEntity);

        Assert.That(taken.ToJsonString(), Is.EqualTo(invalid.ToJsonString()), "nothing tells a taken reference from an ill-formed one");
    }
}
