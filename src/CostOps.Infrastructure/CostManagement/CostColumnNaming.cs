namespace CostOps.Infrastructure.CostManagement;

/// <summary>Which cost columns to aggregate: the names valid for the billing agreement (configuration key <c>CostColumn</c>).</summary>
public enum CostColumnNaming
{
    /// <summary><c>Cost</c> / <c>CostUSD</c>: Microsoft Customer Agreement and modern scopes.</summary>
    Cost = 0,

    /// <summary><c>PreTaxCost</c> / <c>PreTaxCostUSD</c>: Enterprise Agreement and legacy scopes.</summary>
    PreTaxCost,
}
