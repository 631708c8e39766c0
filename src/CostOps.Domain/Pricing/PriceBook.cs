namespace CostOps.Domain.Pricing;

/// <summary>
/// The prices CostOps knows: API models by id and GPU sizes by (size, region). Later books
/// override earlier ones entry by entry (<see cref="OverriddenBy"/>), so a team's local file only
/// needs the prices it negotiated.
/// </summary>
public sealed class PriceBook
{
    private readonly Dictionary<string, ApiModelPrice> _models;
    private readonly Dictionary<(string Sku, string Region), GpuSkuPrice> _gpus;

    public PriceBook(IEnumerable<ApiModelPrice> models, IEnumerable<GpuSkuPrice> gpus)
    {
        _models = new Dictionary<string, ApiModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            _models[model.Id] = model;
        }
        _gpus = new Dictionary<(string, string), GpuSkuPrice>(GpuKeyComparer.Instance);
        foreach (var gpu in gpus)
        {
            _gpus[(gpu.Sku, gpu.Region)] = gpu;
        }
    }

    public static PriceBook Empty { get; } = new([], []);

    public IReadOnlyCollection<ApiModelPrice> Models => _models.Values;

    public IReadOnlyCollection<GpuSkuPrice> GpuSkus => _gpus.Values;

    public ApiModelPrice? FindModel(string id) => _models.GetValueOrDefault(id);

    /// <summary>The size's price in <paramref name="region"/>; without a region, the only or cheapest listed one.</summary>
    public GpuSkuPrice? FindGpu(string sku, string? region = null)
    {
        if (region is not null)
        {
            return _gpus.GetValueOrDefault((sku, region));
        }
        return _gpus.Values
            .Where(g => string.Equals(g.Sku, sku, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.Hourly.UsdPerHour)
            .ThenBy(g => g.Region, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>This book with every entry of <paramref name="overrides"/> replacing or adding to it.</summary>
    public PriceBook OverriddenBy(PriceBook overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new PriceBook(_models.Values.Concat(overrides._models.Values), _gpus.Values.Concat(overrides._gpus.Values));
    }

    private sealed class GpuKeyComparer : IEqualityComparer<(string Sku, string Region)>
    {
        public static readonly GpuKeyComparer Instance = new();

        public bool Equals((string Sku, string Region) x, (string Sku, string Region) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Sku, y.Sku) && StringComparer.OrdinalIgnoreCase.Equals(x.Region, y.Region);

        public int GetHashCode((string Sku, string Region) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Sku), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Region));
    }
}
