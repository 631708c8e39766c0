using CostOps.Domain.Pricing;

namespace CostOps.Domain.WhatIf;

/// <summary>An input of the what-if that the sensitivity analysis moves, one at a time.</summary>
public enum SensitivityFactor
{
    /// <summary>The API's per-token prices: input, cached input and output (not the fixed monthly fee).</summary>
    ApiPrice,

    /// <summary>The GPU instance's hourly price.</summary>
    GpuPrice,

    /// <summary>Input and output tokens per request, together.</summary>
    TokensPerRequest,

    /// <summary>Tokens per second one instance sustains.</summary>
    Throughput,
}

/// <summary>The scenario re-evaluated with one factor scaled by <c>1 + Change</c>, everything else as given.</summary>
public sealed record SensitivityPoint(SensitivityFactor Factor, decimal Change, BreakEvenResult Result);

/// <summary>
/// How the break-even moves when one input is off by a given share: each factor of
/// <see cref="SensitivityFactor"/> is scaled down and up by the same share while the others stay put.
/// Pure; the base scenario must be valid.
/// </summary>
public static class BreakEvenSensitivity
{
    /// <summary>The share the HTTP API and the docs use: ±25%.</summary>
    public const decimal DefaultChange = 0.25m;

    /// <summary>Every factor at <c>-change</c> then <c>+change</c>, in the order of <see cref="SensitivityFactor"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="change"/> is not in (0, 1).</exception>
    public static IReadOnlyList<SensitivityPoint> Analyze(WhatIfScenario scenario, decimal change = DefaultChange)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (change <= 0m || change >= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change, "the change must be greater than 0 and less than 1");
        }
        var points = new List<SensitivityPoint>(8);
        foreach (var factor in Enum.GetValues<SensitivityFactor>())
        {
            foreach (var delta in (ReadOnlySpan<decimal>)[-change, change])
            {
                points.Add(new SensitivityPoint(factor, delta, BreakEvenCalculator.Evaluate(Scale(scenario, factor, 1m + delta))));
            }
        }
        return points;
    }

    /// <summary>The scenario with one factor multiplied by <paramref name="multiplier"/>.</summary>
    public static WhatIfScenario Scale(WhatIfScenario scenario, SensitivityFactor factor, decimal multiplier)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return factor switch
        {
            SensitivityFactor.ApiPrice => scenario with
            {
                Api = scenario.Api with
                {
                    InputPerMTok = Scale(scenario.Api.InputPerMTok, multiplier),
                    OutputPerMTok = Scale(scenario.Api.OutputPerMTok, multiplier),
                    CachedInputPerMTok = scenario.Api.CachedInputPerMTok is { } cached ? Scale(cached, multiplier) : null,
                },
            },
            SensitivityFactor.GpuPrice => scenario with
            {
                SelfHosted = scenario.SelfHosted with { GpuHourly = new HourlyRate(scenario.SelfHosted.GpuHourly.UsdPerHour * multiplier) },
            },
            SensitivityFactor.TokensPerRequest => scenario with
            {
                Traffic = scenario.Traffic with
                {
                    InputTokensPerRequest = scenario.Traffic.InputTokensPerRequest * multiplier,
                    OutputTokensPerRequest = scenario.Traffic.OutputTokensPerRequest * multiplier,
                },
            },
            SensitivityFactor.Throughput => scenario with
            {
                SelfHosted = scenario.SelfHosted with { TokensPerSecondPerInstance = scenario.SelfHosted.TokensPerSecondPerInstance * multiplier },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown factor"),
        };
    }

    private static PricePerMTok Scale(PricePerMTok price, decimal multiplier) => new(price.UsdPerMillionTokens * multiplier);
}
