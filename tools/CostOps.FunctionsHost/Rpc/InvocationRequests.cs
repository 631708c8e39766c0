using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CostOps.FunctionsHost.Rpc;

/// <summary>Builds InvocationRequests shaped like the host's for each trigger kind.</summary>
internal static class InvocationRequests
{
    public static InvocationRequest Timer(LoadedFunction function, string invocationId, TimerPayload payload, DateTimeOffset now)
    {
        var json = payload.ToJson();
        var request = Create(function, invocationId, now);
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Json = json } });
        request.TriggerMetadata["TimerTrigger"] = new TypedData { String = json };
        return request;
    }

    public static InvocationRequest Queue(LoadedFunction function, string invocationId, string messageText, QueueMessageMetadata metadata, DateTimeOffset now)
    {
        var id = metadata.Id ?? Guid.NewGuid().ToString();
        var popReceipt = metadata.PopReceipt ?? Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var inserted = metadata.InsertionTime ?? now;
        var expires = metadata.ExpirationTime ?? inserted.AddDays(7);
        var nextVisible = metadata.NextVisibleTime ?? now.AddMinutes(10);

        var request = Create(function, invocationId, now);
        var trigger = function.Trigger;
        request.InputData.Add(new ParameterBinding
        {
            Name = trigger.Name,
            Data = SupportsDeferredBinding(trigger)
                ? new TypedData { ModelBindingData = QueueModelBindingData(id, popReceipt, messageText, metadata.DequeueCount, inserted, expires, nextVisible) }
                : new TypedData { String = messageText },
        });

        // The host turns strings into string data and everything else (long, DateTimeOffset) into JSON.
        request.TriggerMetadata["QueueTrigger"] = new TypedData { String = messageText };
        request.TriggerMetadata["Id"] = new TypedData { String = id };
        request.TriggerMetadata["PopReceipt"] = new TypedData { String = popReceipt };
        request.TriggerMetadata["DequeueCount"] = new TypedData { Json = metadata.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        request.TriggerMetadata["InsertionTime"] = new TypedData { Json = JsonDate(inserted) };
        request.TriggerMetadata["ExpirationTime"] = new TypedData { Json = JsonDate(expires) };
        request.TriggerMetadata["NextVisibleTime"] = new TypedData { Json = JsonDate(nextVisible) };
        return request;
    }

    public static InvocationRequest Http(LoadedFunction function, string invocationId, string method, Uri url, IReadOnlyDictionary<string, string> routeValues, DateTimeOffset now)
    {
        var request = Create(function, invocationId, now);
        // With the HttpUri capability the worker reads the forwarded request itself; this is only a stub.
        request.InputData.Add(new ParameterBinding
        {
            Name = function.Trigger.Name,
            Data = new TypedData { Http = new RpcHttp { Method = method, Url = url.ToString() } },
        });
        foreach (var (name, value) in routeValues)
        {
            request.TriggerMetadata[name] = new TypedData { String = value };
        }

        return request;
    }

    private static InvocationRequest Create(LoadedFunction function, string invocationId, DateTimeOffset now)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            // The worker throws without a trace context; a fresh W3C parent is what the host sends for a new trace.
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01" },
        };
        request.TriggerMetadata["sys"] = new TypedData { Json = SysMetadata(function.Name, now) };
        return request;
    }

    private static bool SupportsDeferredBinding(FunctionBinding binding)
    {
        using var json = JsonDocument.Parse(binding.RawJson);
        return json.RootElement.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any(p => p.Name.Equals("supportsDeferredBinding", StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Value.ToString(), "true", StringComparison.OrdinalIgnoreCase));
    }

    // The queue extension's converter reads MessageId, PopReceipt, MessageText, DequeueCount, NextVisibleOn, InsertedOn, ExpiresOn.
    private static ModelBindingData QueueModelBindingData(string id, string popReceipt, string text, long dequeueCount, DateTimeOffset inserted, DateTimeOffset expires, DateTimeOffset nextVisible)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("MessageId", id);
            json.WriteString("PopReceipt", popReceipt);
            json.WriteString("MessageText", text);
            json.WriteNumber("DequeueCount", dequeueCount);
            json.WriteString("NextVisibleOn", nextVisible);
            json.WriteString("InsertedOn", inserted);
            json.WriteString("ExpiresOn", expires);
            json.WriteEndObject();
        }

        return new ModelBindingData
        {
            Version = "1.0",
            Source = "AzureStorageQueues",
            ContentType = "application/json",
            Content = ByteString.CopyFrom(buffer.ToArray()),
        };
    }

    // A JSON string as the host's serializer writes a DateTimeOffset: ISO 8601 with the offset, '+' unescaped.
    private static string JsonDate(DateTimeOffset value) => $"\"{value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)}\"";

    private static string SysMetadata(string functionName, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("MethodName", functionName);
            json.WriteString("UtcNow", now.UtcDateTime);
            json.WriteString("RandGuid", Guid.NewGuid());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
