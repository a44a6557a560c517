using System.Reflection;
using System.Runtime.Loader;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// NSwag.AspNetCore 14.8.0 was built against NJsonSchema.NewtonsoftJson 11.6.2, which the package feed this
/// project builds from does not serve; 11.6.1 is referenced instead (NU1605 suppressed in Directory.Build.props).
/// This resolves the runtime load of 11.6.2 to the 11.6.1 assembly that is deployed; the OpenAPI document and
/// UI were verified to work with it. Remove this file (and the direct reference) once 11.6.2 is available.
/// </summary>
internal static class NJsonSchemaAssemblyRedirect
{
    private const string AssemblyName = "NJsonSchema.NewtonsoftJson";

    public static void Install() => AssemblyLoadContext.Default.Resolving += Resolve;

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, AssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
