using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;

namespace KeyBox.Bench.Tool;

/// <summary>
/// After seeding: turns the rate limits of the external API out of the way, creates one external key per scenario,
/// a few versions per product, and activates a sample of licenses spread over the data set (their tokens feed the
/// verify scenario). Writes <c>bench.env</c> (shell assignments) and the TSV files the Lua scripts read.
/// </summary>
internal static class Prepare
{
    public static async Task<int> RunAsync(Args args)
    {
        var url = args.Get("url");
        var db = args.Get("db");
        var internalKey = args.Get("internal-key");
        var work = args.Get("work");
        var tokenCount = args.Int("tokens", 2000);
        Directory.CreateDirectory(work);
        using var client = Http.Client(url);

        await Http.ExpectAsync(client, HttpMethod.Put, "/api/internal/settings",
            new { lm_requests_rate_limiting_period = 1_000_000, lm_requests_rate_limiting_method = "api_key" }, internalKey, HttpStatusCode.OK);

        var env = new StringBuilder();
        foreach (var scenario in new[] { "verify", "verify_unsigned", "verify_nocache", "update", "pairs", "seats", "staleness" })
        {
            var created = await Http.ExpectAsync(client, HttpMethod.Post, "/api/internal/api-keys",
                new { name = "bench " + scenario, type = "external" }, internalKey, HttpStatusCode.Created);
            env.AppendLine(CultureInfo.InvariantCulture, $"KEY_{scenario.ToUpperInvariant()}='{created["data"]!["key"]!.GetValue<string>()}'");
        }

        await using var source = NpgsqlDataSource.Create(db);
        var licenses = Convert.ToInt32(await ScalarAsync(source, "SELECT count(*) FROM licenses WHERE license_code LIKE 'BENCH-%'"), CultureInfo.InvariantCulture);
        var products = (await ListAsync(source, "SELECT reference_id FROM products WHERE reference_id LIKE 'BENCH-P%' ORDER BY reference_id")).ToList();
        if (licenses == 0 || products.Count == 0)
        {
            throw new InvalidOperationException("The database is not seeded (no BENCH- licenses).");
        }

        await CreateVersionsAsync(client, internalKey, products);

        // Licenses i = k*step + 1 get tokens, k*step + 2 are for activate/deactivate pairs, k*step + 3 for /validate.
        var step = Math.Max(4, licenses / tokenCount);
        var count = Math.Min(tokenCount, licenses / step);
        var tokenCodes = Enumerable.Range(0, count).Select(k => Code((k * step) + 1)).ToArray();
        var pairCodes = Enumerable.Range(0, count).Select(k => Code((k * step) + 2)).ToArray();
        var validateIndexes = Enumerable.Range(0, count).Select(k => (k * step) + 3).ToArray();

        var rows = await RowsAsync(source, tokenCodes);
        var tokens = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (row, ct) =>
        {
            var site = Site(row.Code);
            var json = await Http.ExpectAsync(client, HttpMethod.Post, "/api/external/license/activate",
                new { product_id = row.Product, license_code = row.Code, client_name = "bench" }, internalKey, HttpStatusCode.OK, site);
            tokens[row.Code] = json["lic_response"]!.GetValue<string>();
        });

        await File.WriteAllLinesAsync(Path.Combine(work, "tokens.tsv"),
            rows.Select(r => string.Join('\t', r.Code, r.Product, Site(r.Code), tokens[r.Code], r.Id)));
        var pairRows = await RowsAsync(source, pairCodes);
        await File.WriteAllLinesAsync(Path.Combine(work, "pairs.tsv"), pairRows.Select(r => string.Join('\t', r.Code, r.Product)));
        await File.WriteAllLinesAsync(Path.Combine(work, "validate.tsv"),
            validateIndexes.Select(i => string.Join('\t', Code(i), "machine-" + i.ToString(CultureInfo.InvariantCulture), "inst-" + i.ToString(CultureInfo.InvariantCulture))));
        await File.WriteAllLinesAsync(Path.Combine(work, "products.tsv"), products);

        // Listing and search: a deep page (90 % through the table) by cursor, a common prefix and a rare match.
        var deepId = (Guid)(await ScalarAsync(source, $"SELECT id FROM licenses ORDER BY id OFFSET {licenses * 9 / 10} LIMIT 1"))!;
        var fixedDigits = 7 - (int)Math.Floor(Math.Log10(Math.Max(10, licenses / 10)));
        var term = Code(licenses / 2)[..(6 + fixedDigits)];
        var matches = Convert.ToInt64(await ScalarAsync(source, $"SELECT count(*) FROM licenses WHERE license_code LIKE '{term}%'"), CultureInfo.InvariantCulture);
        // Search results are ordered by code (code matches first): the cursor a client holds 90 % through them is the
        // search's own, taken from the page that ends with that match (a plain id cursor is accepted and converted).
        var searchBeforeDeepId = (Guid)(await ScalarAsync(source, $"SELECT id FROM licenses WHERE license_code LIKE '{term}%' ORDER BY license_code COLLATE \"C\" OFFSET {(matches * 9 / 10) - 1} LIMIT 1"))!;
        var searchDeep = await Http.ExpectAsync(client, HttpMethod.Get, $"/api/internal/product-licenses?per_page=1&search={term}&cursor={Cursor(searchBeforeDeepId)}", null, internalKey, HttpStatusCode.OK);
        var searchDeepCursor = searchDeep["meta"]!["next_cursor"]!.GetValue<string>();
        env.AppendLine(CultureInfo.InvariantCulture, $"LIST_DEEP_CURSOR='{Cursor(deepId)}'");
        env.AppendLine(CultureInfo.InvariantCulture, $"SEARCH_TERM='{term}'");
        env.AppendLine(CultureInfo.InvariantCulture, $"SEARCH_MATCHES='{matches}'");
        env.AppendLine(CultureInfo.InvariantCulture, $"SEARCH_DEEP_CURSOR='{searchDeepCursor}'");
        env.AppendLine(CultureInfo.InvariantCulture, $"SEARCH_RARE='customer{licenses / 3}@bench.test'");
        env.AppendLine(CultureInfo.InvariantCulture, $"TOKENS='{rows.Count}'");
        await File.WriteAllTextAsync(Path.Combine(work, "bench.env"), env.ToString());
        Console.Error.WriteLine($"prepared {rows.Count} tokens, {pairRows.Count} pair licenses, search '{term}' ({matches} matches)");
        return 0;
    }

    public static string Code(int index) => "BENCH-" + index.ToString("D7", CultureInfo.InvariantCulture);

    public static string Site(string code) => $"https://{code.ToLowerInvariant()}.verify.bench.test/";

    private static string Cursor(Guid id) =>
        Convert.ToBase64String(id.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task CreateVersionsAsync(HttpClient client, string internalKey, IEnumerable<string> products)
    {
        await Parallel.ForEachAsync(products, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (product, ct) =>
        {
            foreach (var (id, version, released) in new[] { ("v1.0.0", "1.0.0", "2025-01-15"), ("v1.1.0", "1.1.0", "2025-03-01"), ("v2.0.0", "2.0.0", "2025-06-01") })
            {
                var (status, json) = await Http.SendAsync(client, HttpMethod.Post, $"/api/internal/products/{product}/versions",
                    new { version_id = id, version, released_at = released, summary = "Release " + version }, internalKey, cancellationToken: ct);
                if (status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                {
                    throw new InvalidOperationException($"creating version {id} of {product}: {(int)status} {json?.ToJsonString()}");
                }
            }
        });
    }

    internal sealed record LicenseRow(string Code, string Product, Guid Id);

    internal static async Task<List<LicenseRow>> RowsAsync(NpgsqlDataSource source, string[] codes)
    {
        await using var command = source.CreateCommand(
            "SELECT l.license_code, p.reference_id, l.id FROM licenses l JOIN products p ON p.id = l.product_id WHERE l.license_code = ANY($1) ORDER BY l.license_code");
        command.Parameters.Add(new NpgsqlParameter { Value = codes });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LicenseRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LicenseRow(reader.GetString(0), reader.GetString(1), reader.GetGuid(2)));
        }

        return rows;
    }

    internal static async Task<object?> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<IEnumerable<string>> ListAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
