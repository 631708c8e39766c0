namespace CostOps.FunctionsHost;

/// <summary>A function the worker reported in its metadata and loaded.</summary>
public sealed record LoadedFunction(string Name, string FunctionId, string EntryPoint, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The function's trigger binding (the one binding whose type ends in "Trigger").</summary>
    public FunctionBinding Trigger => Bindings.FirstOrDefault(b => b.IsTrigger)
        ?? throw new InvalidOperationException($"Function '{Name}' has no trigger binding.");
}

/// <summary>One binding from the worker's metadata: its name, type, direction and the raw JSON it came from.</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, string RawJson)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
}
