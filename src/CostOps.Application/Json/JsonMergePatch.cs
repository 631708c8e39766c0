using System.Text.Json.Nodes;

namespace CostOps.Application.Json;

/// <summary>
/// RFC 7396 JSON Merge Patch: objects merge member by member, recursively; a <c>null</c> member
/// removes that member from the target; any other value (number, string, boolean, array) replaces
/// the target's value whole. Arrays are never merged element by element.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>A new node: <paramref name="target"/> with <paramref name="patch"/> applied. Neither input is changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
