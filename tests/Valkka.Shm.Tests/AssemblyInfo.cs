using System.Runtime.Versioning;

// Frame rings live in /dev/shm: these tests run on Linux only.
[assembly: SupportedOSPlatform("linux")]
