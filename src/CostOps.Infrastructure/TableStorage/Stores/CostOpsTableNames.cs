namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The tables CostOps writes (names are part of the product: other systems read them). Tests give
/// each run its own names; production uses the defaults.
/// </summary>
public sealed class CostOpsTableNames
{
    public string DailyTco { get; init; } = "DailyTco";

    public string Decisions { get; init; } = "Decisions";

    public string Runs { get; init; } = "Runs";

    public string Prices { get; init; } = "Prices";

    public string Leases { get; init; } = "Leases";

    public string DigestPosts { get; init; } = "DigestPosts";

    /// <summary>The fan-out's shard states, one partition per night.</summary>
    public string NightShards { get; init; } = "NightShards";

    public IEnumerable<string> All => [DailyTco, Decisions, Runs, Prices, Leases, DigestPosts, NightShards];

    /// <summary>Unique names with a common prefix, for tests that share one storage account.</summary>
    public static CostOpsTableNames WithPrefix(string prefix) => new()
    {
        DailyTco = prefix + "DailyTco",
        Decisions = prefix + "Decisions",
        Runs = prefix + "Runs",
        Prices = prefix + "Prices",
        Leases = prefix + "Leases",
        DigestPosts = prefix + "DigestPosts",
        NightShards = prefix + "NightShards",
    };
}
