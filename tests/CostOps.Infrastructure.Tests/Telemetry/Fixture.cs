namespace CostOps.Infrastructure.Tests.Telemetry;

/// <summary>Recorded and reference payloads copied into the test output (Fixtures/**).</summary>
internal static class Fixture
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));
}
