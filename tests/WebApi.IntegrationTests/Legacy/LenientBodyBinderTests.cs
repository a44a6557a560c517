using System.Text;
using KeyBox.WebApi.Contracts.Legacy;
using KeyBox.WebApi.Http.Binding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

/// <summary>Unit tests (no server, no database) of the binder that reads the LicenseBox request bodies.</summary>
public sealed class LenientBodyBinderTests
{
    private static async Task<(ModelBindingResult Result, ModelStateDictionary ModelState)> BindAsync<T>(
        string? contentType, byte[] body, string? query = null, bool unknownLength = false)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = unknownLength ? null : body.Length;
        if (query is not null)
        {
            http.Request.QueryString = new QueryString(query);
        }

        var actionContext = new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor());
        var metadata = new EmptyModelMetadataProvider().GetMetadataForType(typeof(T));
        var context = DefaultModelBindingContext.CreateBindingContext(actionContext, new CompositeValueProvider(), metadata, new BindingInfo(), "request");
        await new LenientBodyBinder().BindModelAsync(context);
        return (context.Result, context.ModelState);
    }

    private static Task<(ModelBindingResult Result, ModelStateDictionary ModelState)> JsonAsync<T>(string json, string? query = null) =>
        BindAsync<T>("application/json", Encoding.UTF8.GetBytes(json), query);

    [TestCase("[]")]
    [TestCase("{}")]
    [TestCase("")]
    [TestCase("  \r\n ")]
    public async Task An_empty_array_object_or_body_binds_an_object_without_values(string json)
    {
        var (result, _) = await JsonAsync<LegacyLicenseRequest>(json);
        Assert.That(result.IsModelSet, Is.True);
        var model = (LegacyLicenseRequest)result.Model!;
        Assert.That(new[] { model.ProductId, model.LicenseFile, model.LicenseCode, model.ClientName }, Is.All.Null);
    }

    [Test]
    public async Task Null_fields_are_absent_and_numbers_and_booleans_are_read_as_text()
    {
        var (result, _) = await JsonAsync<LegacyActivateRequest>("""{"product_id":42,"license_code":"ABC","client_name":null,"verify_type":true}""");
        var model = (LegacyActivateRequest)result.Model!;
        Assert.That(model.ProductId, Is.EqualTo("42"));
        Assert.That(model.LicenseCode, Is.EqualTo("ABC"));
        Assert.That(model.ClientName, Is.Null);
        Assert.That(model.VerifyType, Is.EqualTo("true"));
    }

    [Test]
    public async Task Json_content_type_with_a_charset_is_read()
    {
        var (result, _) = await BindAsync<LegacyProductRequest>("application/json; charset=utf-8", """{"product_id":"P-1"}"""u8.ToArray());
        Assert.That(((LegacyProductRequest)result.Model!).ProductId, Is.EqualTo("P-1"));
    }

    [TestCase("""{"product_id": """)]
    [TestCase("""[1,2]""")]
    [TestCase("\"text\"")]
    [TestCase("""{"product_id":{"nested":1}}""")]
    [TestCase("""{"license_file":["a"]}""")]
    public async Task Malformed_json_or_non_scalar_fields_fail_with_a_model_error(string json)
    {
        var (result, modelState) = await JsonAsync<LegacyLicenseRequest>(json);
        Assert.That(result.IsModelSet, Is.False);
        Assert.That(modelState.ErrorCount, Is.GreaterThan(0));
    }

    [Test]
    public async Task Multipart_fields_bind_and_empty_strings_count_as_absent()
    {
        using var form = new MultipartFormDataContent("boundary-1")
        {
            { new StringContent("token-value"), "license_file" },
            { new StringContent(string.Empty), "license_code" },
            { new StringContent(string.Empty), "client_name" },
        };
        var (result, _) = await BindAsync<LegacyLicenseRequest>(form.Headers.ContentType!.ToString(), await form.ReadAsByteArrayAsync());
        var model = (LegacyLicenseRequest)result.Model!;
        Assert.That(model.LicenseFile, Is.EqualTo("token-value"));
        Assert.That(model.LicenseCode, Is.Null);
        Assert.That(model.ClientName, Is.Null);
        Assert.That(model.ProductId, Is.Null);
    }

    [Test]
    public async Task An_empty_multipart_body_binds_an_object_without_values()
    {
        var (result, _) = await BindAsync<LegacyLicenseRequest>("multipart/form-data; boundary=xyz", []);
        Assert.That(result.IsModelSet, Is.True);
        Assert.That(((LegacyLicenseRequest)result.Model!).LicenseFile, Is.Null);

        // libcurl's body for PHP's empty CURLOPT_POSTFIELDS array: only the closing delimiter.
        using var noParts = LicenseBoxClient.EmptyCurlMultipart();
        (result, _) = await BindAsync<LegacyLicenseRequest>(noParts.Headers.ContentType!.ToString(), await noParts.ReadAsByteArrayAsync());
        Assert.That(result.IsModelSet, Is.True, "no parts");
    }

    [Test]
    public async Task A_truncated_multipart_body_is_a_model_error_not_an_exception()
    {
        var (result, modelState) = await BindAsync<LegacyLicenseRequest>("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n"u8.ToArray(), unknownLength: true);
        Assert.That(result.IsModelSet, Is.False);
        Assert.That(modelState.ErrorCount, Is.GreaterThan(0));

        (result, modelState) = await BindAsync<LegacyLicenseRequest>("multipart/form-data", "license_file=x"u8.ToArray());
        Assert.That(result.IsModelSet, Is.False, "no boundary");
        Assert.That(modelState.ErrorCount, Is.GreaterThan(0));
    }

    [Test]
    public async Task Urlencoded_forms_bind_and_missing_fields_come_from_the_query_string()
    {
        var (result, _) = await BindAsync<LegacyLicenseRequest>("application/x-www-form-urlencoded", "license_code=CODE-1&client_name=Jane"u8.ToArray(), "?product_id=P-9&license_code=IGNORED");
        var model = (LegacyLicenseRequest)result.Model!;
        Assert.That(model.LicenseCode, Is.EqualTo("CODE-1"), "the body wins over the query string");
        Assert.That(model.ClientName, Is.EqualTo("Jane"));
        Assert.That(model.ProductId, Is.EqualTo("P-9"));
    }

    [Test]
    public async Task A_body_of_another_content_type_is_ignored()
    {
        var (result, _) = await BindAsync<LegacyLicenseRequest>("text/plain", "license_file=x"u8.ToArray());
        Assert.That(result.IsModelSet, Is.True);
        Assert.That(((LegacyLicenseRequest)result.Model!).LicenseFile, Is.Null);
    }
}
