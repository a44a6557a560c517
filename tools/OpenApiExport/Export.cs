namespace KeyBox.OpenApiExport;

/// <summary>
/// <c>dotnet run --project tools/OpenApiExport -- &lt;output file&gt;</c>: writes the OpenAPI document that KeyBox serves
/// at <c>/swagger/v1/swagger.json</c>, normalised (see <see cref="OpenApiDocumentFile"/>).
/// </summary>
internal static class Export
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: KeyBox.OpenApiExport <output file, e.g. src/Client/openapi.json>");
            return 2;
        }

        var output = Path.GetFullPath(args[0]);

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var factory = new DocumentOnlyFactory();
        using var client = factory.CreateClient();
        var json = await client.GetStringAsync(OpenApiDocumentFile.Route);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, OpenApiDocumentFile.Normalize(json));
        Console.WriteLine($"OpenAPI document written to {output} (sha256 {OpenApiDocumentFile.Hash(json)})");
        return 0;
    }
}
