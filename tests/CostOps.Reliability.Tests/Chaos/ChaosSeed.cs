using System.Globalization;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// The seed of a chaos test's random points: <c>COSTOPS_CHAOS_SEED</c> when set (to replay a failure), else a fresh
/// one. Tests print it first, so a failing run's output says how to replay it.
/// </summary>
internal static class ChaosSeed
{
    public const string EnvironmentVariable = "COSTOPS_CHAOS_SEED";

    public static int Next()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(given))
        {
            return Random.Shared.Next();
        }
        return int.TryParse(given, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{EnvironmentVariable} must be an integer (was '{given}')");
    }

    public static string Describe(int seed) => $"chaos seed {seed} (replay with {EnvironmentVariable}={seed})";
}
