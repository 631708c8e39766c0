using System.Net;
using System.Net.Http.Headers;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Teams;

/// <summary>
/// Posts the digest card to a Teams channel through a Workflows webhook, the unattended route that needs no Graph
/// permission. Retries 429 and 5xx (and network failures) up to <see cref="DigestOptions.WebhookMaxAttempts"/>,
/// waiting what <c>Retry-After</c> asks (up to <see cref="MaxRetryAfter"/>) or an exponential back-off. The URL is a
/// secret: it never appears in a log entry or an exception message.
/// </summary>
public sealed partial class TeamsWorkflowWebhookTransport(
    HttpClient httpClient,
    IOptions<DigestOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsWorkflowWebhookTransport> logger) : IDigestTransport
{
    /// <summary>The transport's name in outcomes and the post log.</summary>
    public const string TransportName = "teams-webhook";

    /// <summary>Teams refuses messages over about 28 KB ("Request Entity too large").</summary>
    public const int MaxPayloadBytes = 28_000;

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one ends the attempts (bounded waiting).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The first back-off when no <c>Retry-After</c> is given; doubled per attempt.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(2);

    private const int MaxDetailLength = 300;

    /// <inheritdoc />
    public string Name => TransportName;

    /// <inheritdoc />
    public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var settings = options.Value;
        var url = settings.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new DigestTransportException($"The Teams Workflows webhook is not configured ({DigestOptions.SectionName}:WebhookUrl).");
        }
        var payload = TeamsWebhookPayload.Create(digest.CardJson);
        if (payload.Length > MaxPayloadBytes)
        {
            throw new DigestTransportException(
                $"The digest card for {digest.Week} is {payload.Length} bytes with its envelope; Teams refuses messages over about {MaxPayloadBytes} bytes.");
        }

        var maxAttempts = Math.Clamp(settings.WebhookMaxAttempts, 1, 10);
        for (var attempt = 1; ; attempt++)
        {
            var (response, networkError) = await TrySendAsync(url, payload, cancellationToken);
            using (response)
            {
                if (response is { IsSuccessStatusCode: true })
                {
                    LogPosted(digest.Week, (int)response.StatusCode, attempt);
                    return;
                }

                var retryable = networkError is not null || IsRetryable(response!.StatusCode);
                if (!retryable || attempt >= maxAttempts)
                {
                    throw await FailureAsync(response, networkError, attempt, url, cancellationToken);
                }

                var delay = response is null ? Backoff(attempt) : RetryDelay(response, attempt);
                if (delay > MaxRetryAfter)
                {
                    throw new DigestTransportException(
                        $"The Teams Workflows webhook answered {Describe(response!.StatusCode)} and asked to retry after {delay.TotalSeconds:0} s, " +
                        $"longer than the {MaxRetryAfter.TotalSeconds:0} s this transport waits; run the digest again later.",
                        (int)response.StatusCode);
                }
                LogRetrying(digest.Week, response is null ? networkError! : Describe(response.StatusCode), attempt, maxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    private async Task<(HttpResponseMessage? Response, string? NetworkError)> TrySendAsync(
        string url, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        try
        {
            return (await httpClient.SendAsync(request, cancellationToken), null);
        }
        catch (HttpRequestException exception)
        {
            // Only the error category is kept: exception messages can name the host and port.
            return (null, $"a network error ({exception.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "a timeout");
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || ((int)status >= 500 && status != HttpStatusCode.NotImplemented && status != HttpStatusCode.HttpVersionNotSupported);

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return Backoff(attempt);
    }

    private static TimeSpan Backoff(int attempt) => BaseDelay * Math.Pow(2, attempt - 1);

    private static async Task<DigestTransportException> FailureAsync(
        HttpResponseMessage? response, string? networkError, int attempts, string url, CancellationToken cancellationToken)
    {
        var tries = attempts == 1 ? "" : $" after {attempts} attempts";
        if (response is null)
        {
            return new DigestTransportException($"The Teams Workflows webhook could not be reached{tries}: {networkError}.");
        }
        var status = (int)response.StatusCode;
        var detail = WebhookSecret.Scrub((await response.Content.ReadAsStringAsync(cancellationToken)).Trim(), url);
        if (detail.Length > MaxDetailLength)
        {
            detail = string.Concat(detail.AsSpan(0, MaxDetailLength), "…");
        }
        var hint = response.StatusCode switch
        {
            HttpStatusCode.RequestEntityTooLarge => " The card is too large for Teams.",
            HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $" Check that the workflow still exists and is on, and that {DigestOptions.SectionName}:WebhookUrl is its current URL.",
            _ => "",
        };
        var body = detail.Length > 0 ? $": {detail}" : "";
        return new DigestTransportException($"The Teams Workflows webhook answered {Describe(response.StatusCode)}{tries}{body}.{hint}", status);
    }

    private static string Describe(HttpStatusCode status) => $"{(int)status} ({status})";

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Digest {Week} posted to the Teams Workflows webhook: HTTP {Status} on attempt {Attempt}")]
    private partial void LogPosted(IsoWeek week, int status, int attempt);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Digest {Week}: the Teams Workflows webhook answered {Problem} on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
    private partial void LogRetrying(IsoWeek week, string problem, int attempt, int maxAttempts, TimeSpan delay);
}
