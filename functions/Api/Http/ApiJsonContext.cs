using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CostOps.Application.Requests;
using CostOps.Functions.Api.Dtos;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Source-generated JSON for the HTTP API's DTOs: camelCase (web defaults), nulls written (a null is
/// an unknown figure, and callers should see the field), dates as yyyy-MM-dd.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TcoRangeResponse))]
[JsonSerializable(typeof(RecalculateRequest))]
[JsonSerializable(typeof(RecalculateResponse))]
[JsonSerializable(typeof(WorkloadsResponse))]
[JsonSerializable(typeof(RunsResponse))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(AppVersion))]
[JsonSerializable(typeof(BreakEvenRequest))]
[JsonSerializable(typeof(BreakEvenResponse))]
[JsonSerializable(typeof(BreakEvenSensitivityOutput))]
[JsonSerializable(typeof(ObservedProfileOutput))]
[JsonSerializable(typeof(AutopilotPlanRequest))]
[JsonSerializable(typeof(AutopilotPlanResponse))]
[JsonSerializable(typeof(DecisionsResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
