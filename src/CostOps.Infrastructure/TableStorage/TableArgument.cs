namespace CostOps.Infrastructure.TableStorage;

/// <summary>Builds validation errors blamed on the public method's argument (usually "entity").</summary>
internal static class TableArgument
{
    public static ArgumentException Invalid(string message, string paramName = "entity") => new(message, paramName);
}
