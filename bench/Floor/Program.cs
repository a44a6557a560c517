using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

// The benchmark's two floors, measured beside KeyBox on the same machine and database:
//   POST /floor/http  parse a verify-shaped JSON request and answer the verify response shape, touching nothing;
//   POST /floor/db    the same plus one indexed query (the license by its unique code), as a database-bound verify would.
// KeyBox's verify is reported as a ratio to these.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default);
});

var connectionString = builder.Configuration.GetConnectionString("Floor")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Floor to the benchmark database.");
await using var dataSource = NpgsqlDataSource.Create(connectionString);

var app = builder.Build();
var verified = new VerifyResponse(true, "Verified.", null);
var refused = new VerifyResponse(false, "License is invalid or not assigned to you.", null);

app.MapGet("/floor/ready", () => Results.Text("ok"));

app.MapPost("/floor/http", (VerifyRequest request) =>
    string.IsNullOrEmpty(request.LicenseData) ? Results.Json(refused, FloorJson.Default.VerifyResponse, statusCode: 422) : Results.Json(verified, FloorJson.Default.VerifyResponse));

app.MapPost("/floor/db", async (VerifyRequest request, CancellationToken cancellationToken) =>
{
    if (string.IsNullOrEmpty(request.LicenseData) || string.IsNullOrEmpty(request.LicenseCode))
    {
        return Results.Json(refused, FloorJson.Default.VerifyResponse, statusCode: 422);
    }

    await using var command = dataSource.CreateCommand("SELECT is_valid AND NOT is_blocked FROM licenses WHERE license_code = $1");
    command.Parameters.Add(new NpgsqlParameter { Value = request.LicenseCode });
    var usable = await command.ExecuteScalarAsync(cancellationToken) is true;
    return usable ? Results.Json(verified, FloorJson.Default.VerifyResponse) : Results.Json(refused, FloorJson.Default.VerifyResponse, statusCode: 404);
});

await app.RunAsync();

internal sealed record VerifyRequest(string? ProductId, string? LicenseData, string? LicenseCode, string? ClientName);

internal sealed record VerifyResponse(bool IsActive, string Message, object? Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
internal sealed partial class FloorJson : JsonSerializerContext;
