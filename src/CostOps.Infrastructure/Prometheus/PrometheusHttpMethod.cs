namespace CostOps.Infrastructure.Prometheus;

/// <summary>How range queries are sent; POST keeps long selectors out of URLs and proxy logs.</summary>
public enum PrometheusHttpMethod
{
    /// <summary><c>POST</c> with an <c>application/x-www-form-urlencoded</c> body.</summary>
    Post = 0,

    /// <summary><c>GET</c> with the parameters in the query string.</summary>
    Get,
}
