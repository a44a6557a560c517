using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace KeyBox.Bench.Tool;

/// <summary>The stateful scenarios, which a stateless load generator (wrk) cannot drive.</summary>
internal static class Scenarios
{
    /// <summary>Activate + deactivate pairs, each on a license no other worker holds at the time.</summary>
    public static async Task<int> PairsAsync(Args args)
    {
        var url = args.Get("url");
        var key = args.Get("key");
        var workers = args.Int("connections", 32);
        var duration = TimeSpan.FromSeconds(args.Double("duration", 10));
        var pool = (await File.ReadAllLinesAsync(Path.Combine(args.Get("work"), "pairs.tsv"))).Select(l => l.Split('\t')).ToArray();
        using var client = Http.Client(url, workers);
        var recorder = new Recorder();
        var next = -1;
        var requests = 0L;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var row = pool[(int)((uint)Interlocked.Increment(ref next) % (uint)pool.Length)];
                var site = $"https://pair.{row[0].ToLowerInvariant()}.bench.test/";
                var start = Stopwatch.GetTimestamp();
                var (status, json) = await Http.SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
                    new { product_id = row[1], license_code = row[0] }, key, site);
                Interlocked.Increment(ref requests);
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref recorder.Errors);
                    continue;
                }

                var (closed, _) = await Http.SendAsync(client, HttpMethod.Post, "/api/external/license/deactivate",
                    new { product_id = row[1], license_data = json!["lic_response"]!.GetValue<string>() }, key, site);
                Interlocked.Increment(ref requests);
                if (closed != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref recorder.Errors);
                    continue;
                }

                recorder.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;
        await WriteAsync(args, new JsonObject
        {
            ["name"] = args.Get("name", "pairs"),
            ["requests"] = requests,
            ["duration_s"] = Round(seconds),
            ["rps"] = Round(recorder.Count / seconds),
            ["unit"] = "pairs/s",
            ["p50_ms"] = Round(recorder.Percentile(50)),
            ["p99_ms"] = Round(recorder.Percentile(99)),
            ["errors"] = recorder.Errors,
            ["connections"] = workers,
            ["notes"] = $"{recorder.Count} pairs (activate then deactivate by token) on {pool.Length} licenses; latency per pair",
        });
        return 0;
    }

    /// <summary>Many clients race for few seats: every license must end with exactly its seats taken, never more.</summary>
    public static async Task<int> SeatRaceAsync(Args args)
    {
        var url = args.Get("url");
        var key = args.Get("key");
        var internalKey = args.Get("internal-key");
        var licenses = args.Int("licenses", 20);
        var seats = args.Int("seats", 2);
        var clients = args.Int("clients", 64);
        var connections = args.Int("connections", 64);
        var product = (await File.ReadAllLinesAsync(Path.Combine(args.Get("work"), "products.tsv")))[0];
        using var client = Http.Client(url, connections);
        var run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var codes = new List<string>();
        for (var i = 0; i < licenses; i++)
        {
            var code = $"SEAT-{run}-{i:D3}";
            await Http.ExpectAsync(client, HttpMethod.Post, "/api/internal/product-licenses",
                new { product_reference_id = product, license_code = code, parallel_uses = seats }, internalKey, HttpStatusCode.Created);
            codes.Add(code);
        }

        var recorder = new Recorder();
        var granted = 0;
        var refused = 0;
        using var gate = new SemaphoreSlim(0);
        var attempts = codes.SelectMany(code => Enumerable.Range(0, clients).Select(c => (code, c))).ToArray();
        var tasks = attempts.Select(async attempt =>
        {
            await gate.WaitAsync();
            var start = Stopwatch.GetTimestamp();
            var (status, json) = await Http.SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
                new { product_id = product, license_code = attempt.code, machine_id = "m" + attempt.c }, key, $"https://c{attempt.c}.seat.bench.test/");
            recorder.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (status == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref granted);
            }
            else if (status == HttpStatusCode.Forbidden && json?["code"]?.GetValue<string>() == "ACTIVATION_LIMIT_REACHED")
            {
                Interlocked.Increment(ref refused);
            }
            else
            {
                Interlocked.Increment(ref recorder.Errors);
            }
        }).ToArray();
        var watch = Stopwatch.StartNew();
        gate.Release(attempts.Length);
        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;

        await using var source = NpgsqlDataSource.Create(args.Get("db"));
        await using var command = source.CreateCommand("""
            SELECT count(*) FILTER (WHERE active > l.parallel_uses), coalesce(max(active), 0)
            FROM licenses l
            CROSS JOIN LATERAL (SELECT count(*) AS active FROM activations a WHERE a.license_id = l.id AND a.is_active) s
            WHERE l.license_code LIKE $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = $"SEAT-{run}-%" });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var overSeated = reader.GetInt64(0);
        var maxActive = reader.GetInt64(1);
        await WriteAsync(args, new JsonObject
        {
            ["name"] = args.Get("name", "seat_race"),
            ["requests"] = attempts.Length,
            ["duration_s"] = Round(seconds),
            ["rps"] = Round(attempts.Length / seconds),
            ["p50_ms"] = Round(recorder.Percentile(50)),
            ["p99_ms"] = Round(recorder.Percentile(99)),
            ["errors"] = recorder.Errors + (int)overSeated + (granted == licenses * seats ? 0 : 1),
            ["connections"] = connections,
            ["over_seated_licenses"] = overSeated,
            ["notes"] = $"{clients} clients x {licenses} licenses of {seats} seats: {granted} granted (expected {licenses * seats}), {refused} refused, max active per license {maxActive}, licenses over their seats: {overSeated}",
        });
        return overSeated == 0 ? 0 : 1;
    }

    /// <summary>Two processes on one database: block through A, measure how long B keeps verifying.</summary>
    public static async Task<int> StalenessAsync(Args args)
    {
        var a = Http.Client(args.Get("a"), 4);
        var b = Http.Client(args.Get("b"), 4);
        var key = args.Get("key");
        var internalKey = args.Get("internal-key");
        var rounds = args.Int("rounds", 20);
        var rows = (await File.ReadAllLinesAsync(Path.Combine(args.Get("work"), "tokens.tsv"))).Select(l => l.Split('\t')).TakeLast(rounds).ToArray();
        var recorder = new Recorder();
        var staleVerifies = 0;
        var warmFailures = 0;
        foreach (var row in rows)
        {
            var (code, product, site, token, id) = (row[0], row[1], row[2], row[3], row[4]);
            var body = new { product_id = product, license_data = token };
            for (var i = 0; i < 3; i++)
            {
                var (warm, _) = await Http.SendAsync(b, HttpMethod.Post, "/api/external/license/verify", body, key, site);
                if (warm != HttpStatusCode.OK)
                {
                    warmFailures++;
                }
            }

            await Http.ExpectAsync(a, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, internalKey, HttpStatusCode.OK);
            var blockedAt = Stopwatch.GetTimestamp();
            while (true)
            {
                var (status, _) = await Http.SendAsync(b, HttpMethod.Post, "/api/external/license/verify", body, key, site);
                if (status != HttpStatusCode.OK)
                {
                    break;
                }

                staleVerifies++;
                if (Stopwatch.GetElapsedTime(blockedAt) > TimeSpan.FromSeconds(5))
                {
                    break;
                }
            }

            recorder.Add(Stopwatch.GetElapsedTime(blockedAt).TotalMilliseconds);
            await Http.ExpectAsync(a, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{id}", null, internalKey, HttpStatusCode.OK);
            _ = code;
        }

        var max = recorder.Percentile(100);
        await WriteAsync(args, new JsonObject
        {
            ["name"] = args.Get("name", "staleness"),
            ["requests"] = rows.Length,
            ["p50_ms"] = Round(recorder.Percentile(50)),
            ["p99_ms"] = Round(recorder.Percentile(99)),
            ["max_ms"] = Round(max),
            ["errors"] = warmFailures + (max > 1000 ? 1 : 0),
            ["stale_verifies"] = staleVerifies,
            ["notes"] = $"{rows.Length} rounds: warm B's cache, block through A, poll B until refused; time from A's answer to B's first refusal. {staleVerifies} verifies still succeeded on B after A answered",
        });
        return 0;
    }

    public static double Round(double value) => Math.Round(value, 2);

    public static async Task WriteAsync(Args args, JsonObject result)
    {
        var path = args.Get("out");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        Console.WriteLine(result.ToJsonString());
    }
}
