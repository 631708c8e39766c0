using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace CostOps.Reliability.Tests.Fuzz;

/// <summary>A request body as bytes (so invalid UTF-8 can be sent) and a label that says what it is in a failure.</summary>
public sealed record FuzzBody(string Label, byte[] Bytes)
{
    public override string ToString() => $"{Label} ({Bytes.Length} bytes): {Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 160))}";
}

/// <summary>
/// Generators of malformed and adversarial HTTP inputs: JSON values of the wrong type, huge and non-finite numbers,
/// NaN / Infinity strings, deep nesting, duplicate keys, invalid UTF-8, bodies at the 1 MiB edge, and query values to match.
/// </summary>
public static class AdversarialInputs
{
    public const int MiB = 1024 * 1024;

    /// <summary>JSON values (as text) that no field of the API accepts as they are, or accepts only at an edge.</summary>
    private static readonly string[] s_values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309", "1e-400", "123456789012345678901234567890123456789",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"\"", "\" \"", "\"2026-02-30\"", "\"9999-99-99\"", "\"2026-13-01\"", "\"-0001-01-01\"",
        "\"2026-W99\"", "\"\\u0000\"", "\"\\ud800\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"",
        "[]", "{}", "[null]", "[1,2,3]", "[\"\"]", "{\"a\":1}", "[[[[[[[[[[1]]]]]]]]]]",
        "\"" + new string('x', 10_000) + "\"",
    ];

    /// <summary>Bare tokens that are not JSON at all.</summary>
    private static readonly string[] s_notJson = ["NaN", "Infinity", "-Infinity", "undefined", "{", "}", "[", "{\"a\":", "{'a':1}", "{a:1}", "\u00ff", ""];

    public static Gen<string> Value => Gen.OneOf(Gen.Elements(s_values), Gen.Choose(-1000, 100_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Bodies for an endpoint whose JSON object takes <paramref name="fields"/>.</summary>
    public static Gen<FuzzBody> Bodies(params string[] fields)
    {
        var names = Gen.OneOf(Gen.Elements(fields), Gen.Elements("", "__proto__", "constructor", "a", "\u00e9", new string('k', 300)));
        var objects =
            from count in Gen.Choose(1, 4)
            from pairs in Gen.ListOf(Gen.Zip(names, Value), count)
            select Text("object", "{" + string.Join(",", pairs.Select(p => $"{Quote(p.Item1)}:{p.Item2}")) + "}");
        var duplicates =
            from name in Gen.Elements(fields)
            from first in Value
            from second in Value
            select Text("duplicate key", $"{{{Quote(name)}:{first},{Quote(name)}:{second}}}");
        var nested =
            from depth in Gen.Elements(64, 65, 200, 5_000)
            from name in Gen.Elements(fields)
            select Text($"nested {depth}", $"{{{Quote(name)}:" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}");
        var arrays =
            from depth in Gen.Elements(64, 65, 10_000)
            select Text($"array depth {depth}", new string('[', depth) + new string(']', depth));
        var topLevel = Gen.OneOf(Gen.Elements(s_values), Gen.Elements(s_notJson)).Select(v => Text("top level", v));
        var invalidUtf8 =
            from name in Gen.Elements(fields)
            from bytes in Gen.Elements<byte[]>([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf])
            select new FuzzBody("invalid UTF-8", [.. Encoding.UTF8.GetBytes($"{{{Quote(name)}:\""), .. bytes, .. Encoding.UTF8.GetBytes("\"}")]);
        var edges =
            from delta in Gen.Elements(-1, 0, 1, 4096)
            from name in Gen.Elements(fields)
            select AtSize(name, MiB + delta);
        return Gen.Frequency(
            (6, objects), (2, duplicates), (1, nested), (1, arrays), (2, topLevel), (2, invalidUtf8), (1, edges));
    }

    /// <summary>Query strings for an endpoint that reads <paramref name="parameters"/>.</summary>
    public static Gen<string> Queries(params string[] parameters)
    {
        // Values stay short enough that four of them fit the host's 8 KB request line (past it the host answers 414 itself).
        var values = Gen.Elements(
            "", "abc", "-1", "0", "1", "101", "1001", "99999999999999999999", "1e3", "NaN", "Infinity", "-Infinity", "2026-02-30",
            "2026-13-01", "9999-12-31", "0001-01-01", "2026-W00", "2026-W54", "W1", "%FF%FE", "%C3", "%00", "%E2%80%AE", "'%20OR%201=1",
            "..%2F..", "%3Cscript%3E", "true", new string('9', 400), new string('a', 1_500));
        var pair = from name in Gen.OneOf(Gen.Elements(parameters), Gen.Elements("x", "%FF", "top%00")) from value in values select $"{name}={value}";
        return from count in Gen.Choose(1, 4) from pairs in Gen.ListOf(pair, count) select "?" + string.Join('&', pairs);
    }

    /// <summary>Path segments for a resource id: odd characters, percent-encoded invalid UTF-8, huge ones.</summary>
    public static Gen<string> Segments => Gen.OneOf(
        // No dot segments (the host resolves them before routing, so they name another URL) and no NUL (the host's front
        // end refuses the request line itself): both are answered before any worker sees the request.
        Gen.Elements("%FF", "%C3%28", "a%20b", "%E2%80%AE", "CON", "%3Cx%3E", "t%27", new string('a', 2_000), "triage%0A"),
        Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ019-_.~!$&'()*+,;=:@".ToCharArray()), n)).Select(c => new string(c)).Where(s => s.Trim('.').Length > 0));

    /// <summary>A JSON object of exactly <paramref name="size"/> bytes: one field with a long string.</summary>
    private static FuzzBody AtSize(string field, int size)
    {
        var prefix = $"{{{Quote(field)}:\"";
        const string Suffix = "\"}";
        return new FuzzBody($"{size} bytes", Encoding.UTF8.GetBytes(prefix + new string('x', size - prefix.Length - Suffix.Length) + Suffix));
    }

    private static FuzzBody Text(string label, string text) => new(label, Encoding.UTF8.GetBytes(text));

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
