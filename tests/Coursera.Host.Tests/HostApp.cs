using Coursera.Testing;

namespace Coursera.Host.Tests;

/// <summary>The all-in-one host exactly as <c>./run.sh</c> starts it, on a database of its own.</summary>
public class HostApp : ServiceApp<Program>
{
    public HostApp()
    {
        Settings["Catalog:Seed"] = "true";
        Settings["Identity:Seed"] = "true";
        Settings["Identity:KeysPath"] = Path.Combine(Folder, "keys");
        Settings["Mail:Path"] = Path.Combine(Folder, "mail");
        Settings["Identity:DevCredentialsPath"] = DevCredentialsPath;
    }

    public string DevCredentialsPath => Path.Combine(Folder, "dev-credentials.json");
}

/// <summary>The host with Redis unreachable, to see readiness fail while liveness holds.</summary>
public sealed class HostWithoutRedisApp : HostApp
{
    protected override string Redis => "127.0.0.1:1,connectTimeout=200";
}
