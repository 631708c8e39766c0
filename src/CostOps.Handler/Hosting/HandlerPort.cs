using System.Globalization;

namespace CostOps.Handler.Hosting;

/// <summary>The loopback port the Functions host told us to listen on.</summary>
public static class HandlerPort
{
    public const string EnvironmentVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Port for local use without the host (func's own default is 7071 for the host; we take it when run alone).</summary>
    public const int LocalDefault = 7071;

    /// <exception cref="InvalidOperationException">The variable is set but is not a port number; the message names it.</exception>
    public static int Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return LocalDefault;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} must be a TCP port number from 1 to 65535 (was '{value}')");
        }
        return port;
    }
}
