using System.Text;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>One hostile request part: a body (bytes and Content-Type), a header, a query string or a path segment.</summary>
public sealed record HostileBody(string Name, Func<IReadOnlyList<string>, byte[]> Build, string? ContentType);

/// <summary>
/// The corpus of <see cref="HostileInputCorpusTests"/>: what an attacker (or a broken client) sends. Bodies are built
/// for each route from the names of the fields its body type declares, so that the hostile value reaches a real field.
/// </summary>
public static class HostileInputs
{
    /// <summary>"😀" encoded as CESU-8 (a UTF-16 surrogate pair, each half as three bytes): not valid UTF-8.</summary>
    private static readonly byte[] Cesu8 = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];

    private static readonly string LongText = new('A', 20_000);

    public static IReadOnlyList<HostileBody> Bodies { get; } =
    [
        new("CESU-8 surrogate pair in every string", f => ObjectOfRaw(f, [.. "\"a"u8, .. Cesu8, .. "b\""u8]), "application/json"),
        new("lone 0xFF byte in every string", f => ObjectOfRaw(f, [.. "\""u8, 0xFF, 0xFE, .. "\""u8]), "application/json"),
        new("overlong UTF-8 NUL in every string", f => ObjectOfRaw(f, [.. "\""u8, 0xC0, 0x80, .. "\""u8]), "application/json"),
        new("invalid UTF-8 in a property name", f => [.. "{\""u8, .. Cesu8, .. "\":\"x\","u8, .. ObjectOf(f, "\"x\"")[1..]], "application/json"),
        new("CESU-8 without Content-Type", f => ObjectOfRaw(f, [.. "\""u8, .. Cesu8, .. "\""u8]), null),
        new("truncated JSON", f => Utf8(Encoding.UTF8.GetString(ObjectOf(f, "\"abc\""))[..^3]), "application/json"),
        new("deeply nested arrays", _ => Utf8(new string('[', 5_000) + new string(']', 5_000)), "application/json"),
        new("deeply nested objects in every field", f => ObjectOf(f, string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)), "application/json"),
        new("huge numbers in every field", f => ObjectOf(f, "1e400"), "application/json"),
        new("integers beyond 64 bits in every field", f => ObjectOf(f, "-99999999999999999999999999999999"), "application/json"),
        new("int32 edge in every field", f => ObjectOf(f, "2147483648"), "application/json"),
        new("objects for every field", f => ObjectOf(f, "{\"$type\":\"System.IO.FileInfo\"}"), "application/json"),
        new("arrays for every field", f => ObjectOf(f, "[1,\"x\",null]"), "application/json"),
        new("booleans for every field", f => ObjectOf(f, "true"), "application/json"),
        new("a JSON string as the body", _ => Utf8("\"just a string\""), "application/json"),
        new("a JSON number as the body", _ => Utf8("-0.0e-0"), "application/json"),
        new("null as the body", _ => Utf8("null"), "application/json"),
        new("raw NUL bytes", f => [.. ObjectOf(f, "\"a\"")[..^1], 0, 0, .. "}"u8], "application/json"),
        new("escaped NUL in every string", f => ObjectOf(f, "\"a\\u0000b\""), "application/json"),
        new("lone surrogate escape in every string", f => ObjectOf(f, "\"\\ud800x\\udfff\""), "application/json"),
        new("control characters in every string", f => ObjectOf(f, "\"\\u0001\\u001b[31m\\u007f\\u0085\\u2028\\u202e\\u200b\""), "application/json"),
        new("raw control characters in every string", f => ObjectOfRaw(f, [.. "\""u8, 0x01, 0x1B, 0x0A, .. "\""u8]), "application/json"),
        new("very long strings in every field", f => ObjectOf(f, "\"" + LongText + "\""), "application/json"),
        new("duplicate keys", f => Utf8("{" + string.Join(",", f.Concat(f).Select(n => $"\"{n}\":\"dup\"")) + "}"), "application/json"),
        new("byte order mark", f => [0xEF, 0xBB, 0xBF, .. ObjectOf(f, "\"x\"")], "application/json"),
        new("injection-looking text in every string", f => ObjectOf(f, "\"' OR 1=1; DROP TABLE licenses; -- <script>alert(1)</script> ${jndi:ldap://x} {{7*7}} ../../etc/passwd\""), "application/json"),
        new("weird dates and versions in every string", f => ObjectOf(f, "\"0000-00-00T99:99:99+99:99\""), "application/json"),
        new("empty body with a JSON type", _ => [], "application/json"),
        new("JSON without Content-Type", f => ObjectOf(f, "\"x\""), null),
        new("JSON as text/plain", f => ObjectOf(f, "\"x\""), "text/plain"),
        new("XML", _ => Utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), "application/xml"),
        new("JSON in UTF-16 charset", f => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(ObjectOf(f, "\"x\""))), "application/json; charset=utf-16"),
        new("unknown charset", f => ObjectOf(f, "\"x\""), "application/json; charset=x-klingon"),
        new("malformed media type", f => ObjectOf(f, "\"x\""), "application/json;;; charset=\"unterminated"),
        new("multipart without boundary", _ => Utf8("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"), "multipart/form-data"),
        new("unterminated multipart", _ => Utf8("--B\r\nContent-Disposition: form-data; name=\"license_code\"\r\n\r\nabc"), "multipart/form-data; boundary=B"),
        new("unterminated multipart file part", _ => Utf8("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\nPK\u0003\u0004"), "multipart/form-data; boundary=B"),
        new("multipart part with endless headers", _ => Utf8("--B\r\nContent-Disposition: form-data; name=\"file\"\r\nX: " + new string('h', 40_000) + "\r\n\r\nx\r\n--B--\r\n"), "multipart/form-data; boundary=B"),
        new("urlencoded with bad escapes", f => Utf8(string.Join("&", f.Select(n => n + "=%ZZ%ED%A0%BD%ED%B8%80%"))), "application/x-www-form-urlencoded"),
        new("a zip as a JSON body", _ => [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0x13, 0x37], "application/json"),
    ];

    public static IReadOnlyList<(string Name, string Value)> Headers { get; } =
    [
        ("X-API-URL", "javascript:alert(1)"),
        ("X-API-URL", "http://[::1"),
        ("X-API-URL", "http://" + new string('a', 5_000) + ".example"),
        ("X-API-URL", "https://ex\u00e4mple.\u0441\u043e\u043c:99999/\u202e"),
        ("X-API-URL", "file:///etc/passwd"),
        ("LB-URL", "//evil.example"),
        ("X-API-IP", "999.999.1.1"),
        ("X-API-IP", "::ffff:"),
        ("X-API-IP", "1.2.3.4, 5.6.7.8"),
        ("LB-IP", "\u0661.\u0662.\u0663.\u0664"),
        ("X-API-LANGUAGE", new string('z', 10_000)),
        ("X-Api-Version", "abc"),
        ("X-Api-Version", "99.0"),
        ("X-Api-Version", "-1.0-alpha;drop"),
        ("X-Forwarded-For", "garbage, 300.1.1.1, ::g"),
        ("X-Forwarded-Proto", "gopher"),
        ("X-Correlation-Id", new string('c', 1_000)),
        ("Range", "bytes=abc"),
        ("Range", "bytes=99999999999999999999-"),
        ("Range", "bytes=5-1, -0, 1-2-3"),
        ("If-None-Match", "\"unterminated"),
        ("If-Modified-Since", "not a date"),
        ("If-Range", "Wed, 99 Foo 9999 99:99:99 GMT"),
        ("Accept", "application/xml"),
        ("Accept", "*/*;q=abc, text/html;q=-1"),
        ("Accept-Language", "\u00ff\u00fe;q=2"),
        ("Accept-Encoding", "gzip;q=nan, br"),
        ("Origin", "null"),
    ];

    /// <summary>Credential headers that replace the valid one: each must be a 401/403 in the envelope.</summary>
    public static IReadOnlyList<(string Name, string Value)> CredentialHeaders { get; } =
    [
        ("Authorization", "Bearer a.b.c"),
        ("Authorization", "Bearer " + new string('x', 8_000)),
        ("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOIn0."),
        ("Authorization", "Basic YWRtaW46YWRtaW4="),
        ("Authorization", "Bearer"),
        ("X-API-KEY", "' OR 1=1 --"),
        ("X-API-KEY", new string('k', 5_000)),
        ("X-API-KEY", "\u043a\u043b\u044e\u0447"),
        ("LB-API-KEY", "%00"),
    ];

    public static IReadOnlyList<string> Queries { get; } =
    [
        "page=21474837&per_page=100&search=38",
        "page=-1&per_page=-1",
        "page=0&per_page=0",
        "page=abc&per_page=1e9",
        "page=99999999999999999999&per_page=99999999999999999999",
        "page=2147483647&per_page=2147483647",
        "search=%00",
        "search=%ED%A0%BD%ED%B8%80",
        "search=%FF%FE%25",
        "search=" + new string('s', 10_000),
        "search=%25%5F%5C",
        "api-version=abc",
        "api-version=99.0",
        "api-version=1.0&api-version=2.0",
        "sort=name%3BDROP%20TABLE%20licenses&order=sideways&status=%27%22&is_active=maybe",
        "product_id[]=1&product_id[x]=2&product_id=%00",
        "type=%0D%0ASet-Cookie:%20x=1",
    ];

    public static IReadOnlyList<string> PathSegments { get; } =
    [
        "%01",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "%C3%BC%E2%82%AC%F0%9F%98%80",
        "%ED%A0%BD%ED%B8%80",
        "%FF",
        new string('a', 4_000),
        "%20",
        "x%0Ay",
        "00000000-0000-0000-0000-000000000000",
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] ObjectOf(IReadOnlyList<string> fields, string jsonValue) =>
        Utf8("{" + string.Join(",", (fields.Count == 0 ? ["value"] : fields).Select(n => $"\"{n}\":{jsonValue}")) + "}");

    private static byte[] ObjectOfRaw(IReadOnlyList<string> fields, byte[] rawValue)
    {
        var bytes = new List<byte> { (byte)'{' };
        var names = fields.Count == 0 ? ["value"] : fields;
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                bytes.Add((byte)',');
            }

            bytes.AddRange(Utf8($"\"{names[i]}\":"));
            bytes.AddRange(rawValue);
        }

        bytes.Add((byte)'}');
        return [.. bytes];
    }
}
