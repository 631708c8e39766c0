using System.Text.Json.Nodes;
using CostOps.Application.Json;

namespace CostOps.Application.Tests.Json;

/// <summary>The examples of RFC 7396, Appendix A, and that neither input changes.</summary>
public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_FollowsRfc7396(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.Equal(expected, result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Apply_ChangesNeitherInput()
    {
        var target = JsonNode.Parse("""{"traffic":{"requestsPerMonth":1,"inputTokensPerRequest":2}}""");
        var patch = JsonNode.Parse("""{"traffic":{"requestsPerMonth":5,"inputTokensPerRequest":null}}""");

        var result = JsonMergePatch.Apply(target, patch);
        result!["traffic"]!["requestsPerMonth"] = 9;

        Assert.Equal("""{"traffic":{"requestsPerMonth":1,"inputTokensPerRequest":2}}""", target!.ToJsonString());
        Assert.Equal("""{"traffic":{"requestsPerMonth":5,"inputTokensPerRequest":null}}""", patch!.ToJsonString());
    }
}
