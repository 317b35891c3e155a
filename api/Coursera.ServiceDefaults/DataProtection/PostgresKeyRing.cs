using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Coursera.ServiceDefaults.DataProtection;

/// <summary>
/// The key ring in PostgreSQL, table <c>data_protection.keys</c>, shared by every instance of every service: a cookie
/// issued by one instance, or a secret one stored, must be readable by all. The table belongs to no service's store
/// (each service deployed alone still needs it), so it is created here on first use, under an advisory lock.
/// </summary>
internal sealed class PostgresKeyRing(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const long SetUpLock = 0x44505f4b455953; // "DP_KEYS"
    private volatile bool _ready;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection.keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureTable();
        using var command = dataSource.CreateCommand("INSERT INTO data_protection.keys (friendly_name, xml) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    private void EnsureTable()
    {
        if (_ready)
        {
            return;
        }

        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({SetUpLock});
            CREATE SCHEMA IF NOT EXISTS data_protection;
            CREATE TABLE IF NOT EXISTS data_protection.keys (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                friendly_name text,
                xml text NOT NULL);
            """, connection, transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
        _ready = true;
    }
}
