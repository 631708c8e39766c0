using System.Text.Json.Serialization;

namespace CostOps.Application.Export;

[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class FocusJsonContext : JsonSerializerContext;
