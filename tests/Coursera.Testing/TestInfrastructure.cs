using Npgsql;

namespace Coursera.Testing;

/// <summary>
/// The throwaway PostgreSQL, Redis and S3 server (s3rver) that <c>./test.sh</c> starts and announces through environment
/// variables. Each test fixture gets a database of its own, so fixtures never see each other's rows; tests of the S3
/// server share its bucket and keep apart by key prefix.
/// </summary>
public static class TestInfrastructure
{
    public static string Postgres => Required("COURSERA_TEST_POSTGRES");

    public static string Redis => Required("COURSERA_TEST_REDIS");

    /// <summary>The S3 server's address (<c>http://127.0.0.1:{port}</c>), path-style, with <see cref="S3Bucket"/> made.</summary>
    public static string S3 => Required("COURSERA_TEST_S3");

    public const string S3Bucket = "media-test";

    /// <summary>s3rver's built-in account: it checks the access key, not the signature.</summary>
    public const string S3AccessKey = "S3RVER";

    public const string S3SecretKey = "S3RVER";

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests through ./test.sh, which starts PostgreSQL, Redis and the S3 server for them.");
}
