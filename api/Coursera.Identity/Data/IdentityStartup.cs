using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Data;

/// <summary>
/// Applies migrations when <c>Identity:MigrateOnStart</c> is set, and seeds the development accounts into an empty
/// database when <c>Identity:Seed</c> is set, writing their generated secrets to <c>Identity:DevCredentialsPath</c>.
/// </summary>
internal sealed partial class IdentityStartup(IServiceProvider services, IConfiguration configuration, ILogger<IdentityStartup> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Identity:MigrateOnStart"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (!configuration.GetValue<bool>("Identity:Seed") || await db.Tenants.AnyAsync(cancellationToken))
        {
            return;
        }

        var issuer = configuration["Identity:Issuer"] ?? "";
        var credentials = await scope.ServiceProvider.GetRequiredService<IdentitySeed>().SeedAsync(issuer, cancellationToken);
        if (configuration["Identity:DevCredentialsPath"] is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(credentials, Indented), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        LogSeeded(logger, credentials.Users.Count, credentials.Clients.Count, configuration["Identity:DevCredentialsPath"] ?? "(not written)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Users} development users and {Clients} API clients; credentials in {Path}")]
    private static partial void LogSeeded(ILogger logger, int users, int clients, string path);
}
