using Microsoft.EntityFrameworkCore.Migrations;

namespace Coursera.Events.Signals;

/// <summary>
/// Triggers that announce new rows on a notification channel (<c>pg_notify</c>, once per inserting statement; sent
/// when its transaction commits), for a <see cref="PostgresChannel"/> to wake the worker that handles them.
/// </summary>
public static class NotifyMigrations
{
    /// <summary>The channel on which inserts into <paramref name="schema"/>.<paramref name="table"/> are announced.</summary>
    public static string Channel(string schema, string table) => $"{schema}_{table}";

    public static void AddInsertNotification(this MigrationBuilder migrationBuilder, string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(InsertNotificationSql(schema, table));
    }

    /// <summary>The function and trigger <see cref="AddInsertNotification"/> creates.</summary>
    public static string InsertNotificationSql(string schema, string table) => $"""
            CREATE FUNCTION "{schema}".notify_{table}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{Channel(schema, table)}', '');
                RETURN NULL;
            END $$;
            CREATE TRIGGER {table}_inserted AFTER INSERT ON "{schema}".{table} FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".notify_{table}_inserted();
            """;

    public static void DropInsertNotification(this MigrationBuilder migrationBuilder, string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""
            DROP TRIGGER {table}_inserted ON "{schema}".{table};
            DROP FUNCTION "{schema}".notify_{table}_inserted();
            """);
    }
}
