using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyBox.Bench.Tool;

/// <summary>Merges the scenario results into <c>latest.md</c> (a table with ratios and goals) and <c>latest.json</c>.</summary>
internal static class Report
{
    private static readonly (string Name, string Label)[] Order =
    [
        ("floor_http", "HTTP floor (parse, answer, touch nothing)"),
        ("floor_db", "Database floor (HTTP floor + 1 indexed query)"),
        ("floor_write", "Write floor (pgbench: the least SQL of a pair)"),
        ("verify", "POST /api/external/license/verify"),
        ("verify_unsigned", "verify, responses not signed (Signing__SignResponses=false)"),
        ("verify_nocache", "verify, read cache off (ReadCache__Enabled=false)"),
        ("validate", "POST /validate (rate limit off)"),
        ("update_check", "POST /api/external/update/check"),
        ("pairs", "activate + deactivate pairs"),
        ("seat_race", "seat race (many clients, few seats)"),
        ("list_first", "GET licenses, first page"),
        ("list_deep", "GET licenses, deep page (cursor at 90 %)"),
        ("search_first", "search (common prefix), first page"),
        ("search_deep", "search (common prefix), deep page"),
        ("search_rare", "search (one match, by e-mail)"),
        ("dashboard", "GET /dashboard (admin, every owner)"),
        ("console_list", "console license list first page"),
        ("console_search", "console license search page"),
        ("console_dashboard", "console dashboard"),
        ("staleness", "staleness: block on A, B refuses after"),
    ];

    public static int Run(Args args)
    {
        var dir = args.Get("results");
        var meta = File.Exists(args.Get("meta")) ? File.ReadAllLines(args.Get("meta"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]) : [];
        var results = new Dictionary<string, JsonObject>();
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject parsed && parsed["name"]?.GetValue<string>() is { } name)
            {
                var memory = Path.ChangeExtension(file, ".mem");
                if (File.Exists(memory) && long.TryParse(File.ReadAllText(memory).Trim(), out var kb))
                {
                    parsed["server_peak_mb"] = Math.Round(kb / 1024.0, 1);
                }

                var cpu = Path.ChangeExtension(file, ".cpu");
                if (File.Exists(cpu) && long.TryParse(File.ReadAllText(cpu).Trim(), out var cpuMicros)
                    && parsed["requests"]?.GetValue<long>() is > 0 and var requestCount)
                {
                    parsed["server_cpu_us_per_request"] = Math.Round(cpuMicros / (double)requestCount, 0);
                }

                results[name] = parsed;
            }
        }

        double? Rps(string name) => results.TryGetValue(name, out var r) && r["rps"] is { } v ? v.GetValue<double>() : null;
        var dbFloor = Rps("floor_db");
        var httpFloor = Rps("floor_http");
        foreach (var (name, result) in results)
        {
            if (Rps(name) is { } rps && !name.StartsWith("floor", StringComparison.Ordinal) && result["unit"] is null)
            {
                if (dbFloor is > 0)
                {
                    result["vs_db_floor"] = Math.Round(rps / dbFloor.Value, 2);
                }

                if (httpFloor is > 0)
                {
                    result["vs_http_floor"] = Math.Round(rps / httpFloor.Value, 2);
                }
            }
        }

        var md = new StringBuilder();
        md.AppendLine("# KeyBox benchmark: latest results").AppendLine();
        md.AppendLine("Written by `./build.sh bench` (bench/run.sh); see bench/README.md for what each row measures.").AppendLine();
        foreach (var (key, value) in meta)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{key}**: {value}");
        }

        md.AppendLine();
        md.AppendLine("| scenario | req/s | p50 ms | p99 ms | errors | server peak MB | server CPU µs/req | × DB floor | × HTTP floor | notes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (name, label) in Order)
        {
            if (!results.TryGetValue(name, out var r))
            {
                continue;
            }

            if (r["skipped"] is { } skipped)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | – | – | – | – | – | – | – | – | {skipped.GetValue<string>()} |");
                continue;
            }

            var rps = r["rps"] is { } v ? Format(v.GetValue<double>(), 0) + (r["unit"] is { } unit ? " " + unit.GetValue<string>() : string.Empty) : "–";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {rps} | {Num(r, "p50_ms", 2)} | {Num(r, "p99_ms", 2)} | {Num(r, "errors", 0)} | {Num(r, "server_peak_mb", 0)} | {Num(r, "server_cpu_us_per_request", 0)} | {Num(r, "vs_db_floor", 2)} | {Num(r, "vs_http_floor", 2)} | {r["notes"]?.GetValue<string>() ?? string.Empty} |");
        }

        md.AppendLine().AppendLine("## Goals").AppendLine();
        md.AppendLine("| goal | measured | met |").AppendLine("|---|---|---|");
        var goals = new JsonArray();
        void Goal(string text, string measured, bool? met)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {text} | {measured} | {(met is null ? "n/a" : met.Value ? "yes" : "**no**")} |");
            goals.Add(new JsonObject { ["goal"] = text, ["measured"] = measured, ["met"] = met });
        }

        if (results.TryGetValue("verify", out var verify))
        {
            var ratio = verify["vs_db_floor"]?.GetValue<double>();
            Goal("verify ≥ 2 × database floor", ratio is null ? "–" : $"{ratio:0.00} ×", ratio >= 2);
            var p99 = verify["p99_ms"]?.GetValue<double>();
            Goal($"verify p99 ≤ 5 ms at {verify["connections"]} connections", $"{p99:0.00} ms", p99 <= 5);
            Goal("verify: zero errors", $"{verify["errors"]}", verify["errors"]?.GetValue<long>() == 0);
        }

        if (Rps("verify") is { } signed && Rps("verify_unsigned") is { } unsigned && unsigned > 0)
        {
            Goal("signed verify ≥ 85 % of unsigned verify", $"{signed / unsigned * 100:0} % ({signed:0} / {unsigned:0} req/s)", signed / unsigned >= 0.85);
        }

        if (results.TryGetValue("validate", out var validate))
        {
            var ratio = validate["vs_db_floor"]?.GetValue<double>();
            Goal("/validate ≥ 1.5 × database floor", validate["skipped"] is { } s ? s.GetValue<string>() : $"{ratio:0.00} ×", validate["skipped"] is null ? ratio >= 1.5 : null);
        }

        if (results.TryGetValue("pairs", out var pairs))
        {
            var rate = pairs["rps"]?.GetValue<double>();
            var writeFloor = Rps("floor_write");
            var versus = string.Empty;
            if (writeFloor is > 0 && rate is not null)
            {
                pairs["vs_write_floor"] = Math.Round(rate.Value / writeFloor.Value, 2);
                versus = $" ({rate / writeFloor:0.00} × the write floor's {writeFloor:0} pairs/s)";
            }

            Goal("activate + deactivate ≥ 1,000 pairs/s", $"{rate:0} pairs/s{versus}, {pairs["errors"]} errors", rate >= 1000 && pairs["errors"]?.GetValue<long>() == 0);
        }

        if (results.TryGetValue("seat_race", out var race))
        {
            var over = race["over_seated_licenses"]?.GetValue<long>();
            Goal("seat race never exceeds the seats", $"{over} licenses over their seats", over == 0);
        }

        foreach (var name in new[] { "list_first", "list_deep", "search_first", "search_deep", "search_rare" })
        {
            if (results.TryGetValue(name, out var page))
            {
                var p50 = page["p50_ms"]?.GetValue<double>();
                var errors = page["errors"]?.GetValue<long>() ?? 0;
                Goal($"{name} p50 ≤ 20 ms", errors > 0 ? $"{p50:0.00} ms, {errors} errors (timeouts)" : $"{p50:0.00} ms", p50 <= 20 && errors == 0);
            }
        }

        if (results.TryGetValue("console_dashboard", out var consoleDashboard))
        {
            var p50 = consoleDashboard["p50_ms"]?.GetValue<double>();
            var errors = consoleDashboard["errors"]?.GetValue<long>() ?? 0;
            Goal("console_dashboard (server-side render) p50 ≤ 200 ms", errors > 0 ? $"{p50:0.00} ms, {errors} errors" : $"{p50:0.00} ms", p50 <= 200 && errors == 0);
        }

        if (results.TryGetValue("dashboard", out var dashboard))
        {
            var p50 = dashboard["p50_ms"]?.GetValue<double>();
            var errors = dashboard["errors"]?.GetValue<long>() ?? 0;
            Goal("dashboard p50 ≤ 200 ms", errors > 0 ? $"{p50:0.00} ms, {errors} errors" : $"{p50:0.00} ms", p50 <= 200 && errors == 0);
        }

        foreach (var name in new[] { "console_list", "console_search" })
        {
            if (results.TryGetValue(name, out var page))
            {
                var p50 = page["p50_ms"]?.GetValue<double>();
                var errors = page["errors"]?.GetValue<long>() ?? 0;
                Goal($"{name} (server-side render) p50 ≤ 150 ms", errors > 0 ? $"{p50:0.00} ms, {errors} errors" : $"{p50:0.00} ms", p50 <= 150 && errors == 0);
            }
        }

        var peak = results.Values.Select(r => r["server_peak_mb"]?.GetValue<double>() ?? 0).DefaultIfEmpty(0).Max();
        Goal("server peak memory ≤ 300 MB under load", $"{peak:0} MB", peak is > 0 and <= 300);
        if (meta.TryGetValue("startup_ms", out var startup) && double.TryParse(startup, CultureInfo.InvariantCulture, out var startupMs))
        {
            Goal("start-up to first served request ≤ 3 s", $"{startupMs:0} ms", startupMs <= 3000);
        }

        if (results.TryGetValue("staleness", out var stale))
        {
            var max = stale["max_ms"]?.GetValue<double>();
            Goal("a block on one process is refused on another within 1 s", $"max {max:0.0} ms, p50 {stale["p50_ms"]} ms", max <= 1000);
        }

        File.WriteAllText(args.Get("out-md"), md.ToString());
        var json = new JsonObject
        {
            ["meta"] = new JsonObject(meta.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["results"] = new JsonArray(Order.Where(o => results.ContainsKey(o.Name)).Select(o => (JsonNode)results[o.Name].DeepClone()).ToArray()),
            ["goals"] = goals,
        };
        File.WriteAllText(args.Get("out-json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(md.ToString());
        return 0;
    }

    private static string Num(JsonObject result, string name, int decimals) =>
        result[name] is { } value ? Format(value.GetValue<double>(), decimals) : "–";

    private static string Format(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
