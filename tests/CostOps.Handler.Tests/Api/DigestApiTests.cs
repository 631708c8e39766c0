using CostOps.Application.Digest;
using CostOps.Application.Digest.Rendering;
using CostOps.Handler.Api;
using Microsoft.Extensions.Primitives;

namespace CostOps.Handler.Tests.Api;

public sealed class DigestApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, DigestFormat.AdaptiveCard)]
    [InlineData("", DigestFormat.AdaptiveCard)]
    [InlineData("application/json", DigestFormat.AdaptiveCard)]
    [InlineData("application/json; charset=utf-8", DigestFormat.AdaptiveCard)]
    [InlineData("application/*", DigestFormat.AdaptiveCard)]
    [InlineData("*/*", DigestFormat.AdaptiveCard)]
    [InlineData("text/html", DigestFormat.Html)]
    [InlineData("TEXT/HTML", DigestFormat.Html)]
    [InlineData("text/*", DigestFormat.Html)]
    [InlineData("text/html;q=0.5, application/json;q=0.9", DigestFormat.AdaptiveCard)]
    [InlineData("application/json;q=0.5, text/html", DigestFormat.Html)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", DigestFormat.Html)]
    [InlineData("*/*;q=0.1, text/html;q=0", DigestFormat.AdaptiveCard)]
    public void TheAcceptHeader_ChoosesTheForm(string? accept, DigestFormat expected) =>
        Assert.Equal(expected, DigestApi.Negotiate(accept is null ? StringValues.Empty : new StringValues(accept)));

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/vnd.microsoft.card.adaptive+json")]
    [InlineData("application/json;q=0, text/html;q=0")]
    [InlineData("*/*;q=0")]
    public void AnAcceptHeaderWithNeitherForm_IsNotAcceptable(string accept) =>
        Assert.Null(DigestApi.Negotiate(new StringValues(accept)));

    [Fact]
    public void NoWeek_MeansTheLastCompletedWeek()
    {
        Assert.True(DigestApi.TryReadWeek(StringValues.Empty, Now, out var week, out _));
        Assert.Equal(IsoWeek.Parse("2026-W47"), week);
    }

    [Theory]
    [InlineData("2026-W47")]
    [InlineData("2026-W48")]
    [InlineData("2020-W53")]
    public void APastWeek_OrTheWeekInProgress_CanBePreviewed(string text)
    {
        Assert.True(DigestApi.TryReadWeek(new StringValues(text), Now, out var week, out _));
        Assert.Equal(IsoWeek.Parse(text), week);
    }

    [Theory]
    [InlineData("2026-W49", "has not started yet")]
    [InlineData("2026-W99", "is not an ISO week")]
    [InlineData("2026-w47", "is not an ISO week")]
    [InlineData("47", "is not an ISO week")]
    public void AWeekThatCannotBePreviewed_SaysWhy(string text, string expected)
    {
        Assert.False(DigestApi.TryReadWeek(new StringValues(text), Now, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralWeeks_AreRefused()
    {
        Assert.False(DigestApi.TryReadWeek(new StringValues(["2026-W46", "2026-W47"]), Now, out _, out var problem));
        Assert.Contains("one week", problem, StringComparison.Ordinal);
    }
}
