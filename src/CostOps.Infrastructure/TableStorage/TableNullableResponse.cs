using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>A response that may carry no value (e.g. an entity that does not exist).</summary>
internal sealed class TableNullableResponse<T>(T? value, Response rawResponse) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => rawResponse;
}
