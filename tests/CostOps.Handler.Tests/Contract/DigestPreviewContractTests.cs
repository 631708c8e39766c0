using System.Globalization;
using System.Net;
using System.Text.Json;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;

namespace CostOps.Handler.Tests.Contract;

/// <summary><c>GET /api/digest/preview</c> through the published handler, as the host forwards it.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class DigestPreviewContractTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private DigestHandler _handler = null!;

    public async Task InitializeAsync() => _handler = await DigestHandler.StartAsync(azurite);

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task TheCard_IsTheDefault_AsJson_WithTheStoredTotals(string? accept)
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", accept);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var card = JsonDocument.Parse(body);
        Assert.Equal(("AdaptiveCard", "1.5"), (card.RootElement.GetProperty("type").GetString(), card.RootElement.GetProperty("version").GetString()));
        Assert.Contains(await StoredSelfHostedTotalAsync(), body, StringComparison.Ordinal);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public async Task TheHtml_IsServed_WhenTheAcceptHeaderPrefersIt(string accept)
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", accept);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
        Assert.Contains("support-triage", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyOtherAcceptHeader_Gets406_AsProblemDetails()
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", "text/plain");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(406, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("application/json", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-W99")]
    [InlineData("2026-47")]
    [InlineData("next-week")]
    public async Task ABadWeek_Gets400_NamingWeek(string week)
    {
        using var response = await GetAsync($"/api/digest/preview?week={Uri.EscapeDataString(week)}", "application/json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors").GetProperty("week");
        Assert.Contains(week, errors[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAWeek_ItPreviewsTheLastCompletedWeek()
    {
        using var response = await GetAsync("/api/digest/preview", "text/html");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Application.Digest.IsoWeek.LastCompleted(DateTimeOffset.UtcNow).ToString(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreview_PostsNothing()
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Directory.Exists(_handler.OutputDirectory) && Directory.EnumerateFiles(_handler.OutputDirectory).Any());
        Assert.Empty(await new TableRunStore(_handler.Tables.Runs).ListAsync("WeeklyDigest", 1));
    }

    private async Task<string> StoredSelfHostedTotalAsync()
    {
        var store = new TableDailyTcoStore(_handler.Tables.DailyTco);
        var total = 0m;
        foreach (var workload in StoredDigestWeek.Workloads)
        {
            var rows = await store.GetRangeAsync(workload, new Domain.Time.DayRange(StoredDigestWeek.Week.Monday, StoredDigestWeek.Week.Sunday));
            total += rows.Sum(r => r.Tco.SelfHostedCost?.Usd ?? 0m);
        }
        return "$" + total.ToString("N2", CultureInfo.InvariantCulture);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return _handler.Process.Client.SendAsync(request);
    }
}
