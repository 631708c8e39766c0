using System.Runtime.Versioning;

// The Bicep CLI this project runs is the linux-x64 build, and the deployment scripts are bash.
[assembly: SupportedOSPlatform("linux")]
