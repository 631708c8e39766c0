using System.Globalization;
using System.Net;
using System.Text.Json;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Digest;

/// <summary><c>GET /api/digest/preview</c> through the worker, as the host forwards it.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class DigestPreviewTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private DigestWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await DigestWorker.StartAsync(azurite);

    public async Task DisposeAsync()
    {
        _worker.App.FlushLogTo(output);
        await _worker.DisposeAsync();
    }

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
        Assert.False(Directory.Exists(_worker.OutputDirectory) && Directory.EnumerateFiles(_worker.OutputDirectory).Any());
        Assert.Empty(await new TableRunStore(_worker.Tables.Runs).ListAsync("WeeklyDigest", 1));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("TEXT/HTML", "text/html")]
    [InlineData("text/*", "text/html")]
    [InlineData("text/html;q=0.5, application/json;q=0.9", "application/json")]
    [InlineData("application/json;q=0.5, text/html", "text/html")]
    [InlineData("*/*;q=0.1, text/html;q=0", "application/json")]
    public async Task TheAcceptHeader_ChoosesTheForm(string accept, string expected)
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/vnd.microsoft.card.adaptive+json")]
    [InlineData("application/json;q=0, text/html;q=0")]
    [InlineData("*/*;q=0")]
    public async Task AnAcceptHeaderWithNeitherForm_IsNotAcceptable(string accept)
    {
        using var response = await GetAsync("/api/digest/preview?week=2026-W47", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("?week=2999-W01", "has not started yet")]
    [InlineData("?week=2026-w47", "is not an ISO week")]
    [InlineData("?week=2026-W46&week=2026-W47", "one week")]
    public async Task AWeekThatCannotBePreviewed_SaysWhy(string query, string expected)
    {
        using var response = await GetAsync($"/api/digest/preview{query}", "application/json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    private async Task<string> StoredSelfHostedTotalAsync()
    {
        var store = new TableDailyTcoStore(_worker.Tables.DailyTco);
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
        return _worker.App.Client.SendAsync(request);
    }
}
