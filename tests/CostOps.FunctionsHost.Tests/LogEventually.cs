namespace CostOps.FunctionsHost.Tests;

/// <summary>Waits for a line in a log that is written in the background (admin runs, the serve command's output).</summary>
internal static class LogEventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static Task Contains(FunctionsHostEmulator emulator, string expected) => Contains(() => emulator.Logs, expected);

    public static async Task Contains(Func<string> log, string expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!log().Contains(expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The log never contained \"{expected}\". It holds:{Environment.NewLine}{log()}");
            }

            await Task.Delay(50);
        }
    }
}
