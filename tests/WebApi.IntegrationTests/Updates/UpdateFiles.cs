using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Updates;

/// <summary>Helpers for the update-distribution tests: uploads, generated content, the download log.</summary>
internal static class UpdateFiles
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static ByteArrayContent Raw(byte[] bytes, string contentType = "application/zip")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static async Task<JsonObject> UploadAsync(HttpClient client, string product, string version, string type, HttpContent content, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PutAsync($"/api/internal/products/{product}/versions/{version}/files/{type}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonNode.Parse(text)!.AsObject();
    }

    public static Task<JsonObject> UploadAsync(HttpClient client, string product, string version, string type, byte[] bytes) =>
        UploadAsync(client, product, version, type, Raw(bytes, type == "sql" ? "application/sql" : "application/zip"));

    /// <summary>Stored files outlive the database reset between tests; tests that count them start empty.</summary>
    public static void ClearStorage(KeyBoxFactory server)
    {
        if (Directory.Exists(server.StoragePath))
        {
            Directory.Delete(server.StoragePath, recursive: true);
        }
    }

    /// <summary>Every file under the storage root except in-progress uploads.</summary>
    public static string[] StoredFiles(KeyBoxFactory server) =>
        Directory.Exists(server.StoragePath)
            ? Directory.EnumerateFiles(server.StoragePath, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.tmp{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToArray()
            : [];

    public static string[] TemporaryFiles(KeyBoxFactory server)
    {
        var temp = Path.Combine(server.StoragePath, ".tmp");
        return Directory.Exists(temp) ? Directory.GetFiles(temp) : [];
    }

    /// <summary>
    /// A product's download log rows, oldest first: (update_id, file_kind, ip_address, product_id). Filtered by product
    /// because earlier tests' downloads may still be written after the data reset.
    /// </summary>
    public static async Task<List<(string UpdateId, string Kind, string? Ip, Guid ProductId)>> DownloadLogAsync(Guid productId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT update_id, file_kind, ip_address, product_id FROM downloads WHERE product_id = @p ORDER BY downloaded_at, id", connection);
        command.Parameters.AddWithValue("p", productId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string?, Guid)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetGuid(3)));
        }

        return rows;
    }

    /// <summary>Polls the download log until <paramref name="done"/> holds (the log is written in the background).</summary>
    public static async Task<List<(string UpdateId, string Kind, string? Ip, Guid ProductId)>> WaitForDownloadLogAsync(
        Guid productId, Func<List<(string UpdateId, string Kind, string? Ip, Guid ProductId)>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var rows = await DownloadLogAsync(productId);
            if (done(rows) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>
/// A read-only, non-seekable stream of <c>length</c> deterministic pseudo-random bytes, generated on the fly:
/// large uploads without a large array. Its length is unknown to HttpClient, so it is sent chunked.
/// </summary>
internal sealed class GeneratedStream(long length, uint seed = 2463534242) : Stream
{
    private uint _state = seed == 0 ? 1 : seed;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            // xorshift32
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            buffer[i] = (byte)_state;
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The SHA-256 (hex) of the bytes such a stream produces, computed by streaming them through the hash.</summary>
    public static string Sha256Of(long length, uint seed = 2463534242)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new GeneratedStream(length, seed);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
