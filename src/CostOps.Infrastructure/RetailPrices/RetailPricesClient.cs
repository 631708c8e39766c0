using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.RetailPrices;

/// <summary>
/// The anonymous Azure Retail Prices API for one VM size in one region (<c>serviceName eq 'Virtual Machines' and
/// armSkuName eq ... and armRegionName eq ...</c>; values are case-sensitive), following <c>NextPageLink</c>.
/// </summary>
internal sealed class RetailPricesClient
{
    private const string ApiVersion = "2023-01-01-preview";
    private const int MaxPages = 100;

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly string? _currencyCode;

    public RetailPricesClient(string sourceName, Uri endpoint, HttpPipeline pipeline, string? currencyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        Source = new SourceContext(sourceName, "Azure Retail Prices");
        _endpoint = endpoint;
        _pipeline = pipeline;
        _currencyCode = currencyCode;
    }

    public SourceContext Source { get; }

    public async Task<(string Currency, IReadOnlyList<RetailPriceItemBody> Items)> ReadVmPricesAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armSkuName);
        ArgumentException.ThrowIfNullOrWhiteSpace(armRegionName);
        var first = new RequestUriBuilder();
        first.Reset(new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + "/api/retail/prices"));
        first.AppendQuery("api-version", ApiVersion);
        first.AppendQuery("$filter", $"serviceName eq 'Virtual Machines' and armSkuName eq '{Quote(armSkuName)}' and armRegionName eq '{Quote(armRegionName)}'");
        if (_currencyCode is not null)
        {
            first.AppendQuery("currencyCode", $"'{_currencyCode}'");
        }

        var uri = first.ToUri();
        var items = new List<RetailPriceItemBody>();
        string? currency = null;
        for (var page = 0; page < MaxPages; page++)
        {
            using var message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.SetValue("Accept", "application/json");
            var response = await TelemetryHttp.SendAsync(_pipeline, message, Source, cancellationToken).ConfigureAwait(false);
            TelemetryHttp.EnsureSuccess(response, Source);
            var body = TelemetryHttp.ReadJson(response, RetailPricesJsonContext.Default.RetailPricesPageBody, Source);
            items.AddRange(body.Items ?? throw TelemetryHttp.Malformed(Source, "the page has no 'Items' array."));
            currency ??= body.BillingCurrency;
            if (string.IsNullOrEmpty(body.NextPageLink))
            {
                return (currency ?? _currencyCode ?? "USD", items);
            }
            uri = NextLink.Resolve(Source, _endpoint, body.NextPageLink);
        }
        throw TelemetryHttp.Malformed(Source, $"more than {MaxPages} pages.");
    }

    // OData string literals double their single quotes.
    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
