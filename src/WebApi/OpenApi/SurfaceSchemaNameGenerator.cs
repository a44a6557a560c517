using NJsonSchema.Generation;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Schema names that stay stable when two surfaces have a contract of the same name (a KeyBox-API
/// <c>CreateLicenseRequest</c> next to the internal API's): KeyBox and LicenseBox-legacy contracts carry their
/// surface as a prefix instead of NSwag's numbered suffixes (<c>CreateLicenseRequest2</c>).
/// </summary>
internal sealed class SurfaceSchemaNameGenerator : DefaultSchemaNameGenerator
{
    public override string Generate(Type type)
    {
        var name = base.Generate(type);
        var prefix = type.Namespace switch
        {
            "KeyBox.WebApi.Contracts.KeyBox" => "KeyBox",
            "KeyBox.WebApi.Contracts.Legacy" => "Legacy",
            _ => null,
        };
        return prefix is null || name.StartsWith(prefix, StringComparison.Ordinal) ? name : prefix + name;
    }
}
