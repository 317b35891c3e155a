using Npgsql;

namespace Coursera.Testing;

/// <summary>
/// The throwaway PostgreSQL and Redis that <c>./test.sh</c> starts and announces through environment variables.
/// Each test fixture gets a database of its own, so fixtures never see each other's rows.
/// </summary>
public static class TestInfrastructure
{
    public static string Postgres => Required("COURSERA_TEST_POSTGRES");

    public static string Redis => Required("COURSERA_TEST_REDIS");

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
                $"{variable} is not set: run the tests through ./test.sh, which starts PostgreSQL and Redis for them.");
}
