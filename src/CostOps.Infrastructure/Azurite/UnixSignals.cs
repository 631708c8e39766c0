using System.Runtime.InteropServices;

namespace CostOps.Infrastructure.Azurite;

/// <summary>
/// Sends SIGINT, which Azurite handles by closing its server and flushing its database to
/// <c>--location</c>; a plain kill (SIGKILL) loses up to its last five seconds of writes.
/// </summary>
internal static partial class UnixSignals
{
    private const int SigInt = 2;

    /// <summary>Asks the process to stop; false where signals are unavailable (Windows) or it is gone.</summary>
    public static bool TryInterrupt(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigInt) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
