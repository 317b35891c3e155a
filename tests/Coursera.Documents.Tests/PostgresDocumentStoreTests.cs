using System.Text.Json.Nodes;
using Coursera.Documents.Postgres;
using Npgsql;

namespace Coursera.Documents.Tests;

/// <summary>What is particular to the PostgreSQL adapter: its tables, its indexes, and that queries can use them.</summary>
public sealed class PostgresDocumentStoreTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task A_collection_is_a_table_in_its_owners_schema_created_on_first_use()
    {
        var name = NewName();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            new PostgresDocumentStore(fixture.DataSource).Collection<JsonObject>("reports", name).PutAsync($"d{i}", new JsonObject())));

        Assert.Equal(4L, await ScalarAsync($"SELECT count(*) FROM reports.doc_{name}"));
        Assert.Equal("C", await ScalarAsync(
            $"SELECT collation_name FROM information_schema.columns WHERE table_schema = 'reports' AND table_name = 'doc_{name}' AND column_name = 'id'"));
    }

    [Fact]
    public async Task EnsureIndex_makes_one_gin_index_and_one_expression_index_per_field_list()
    {
        var name = $"{NewName()}_with_a_long_name_{new string('x', CollectionName.MaxLength)}"[..CollectionName.MaxLength];
        var collection = fixture.Store.Collection<JsonObject>("learner", name);

        await collection.EnsureIndexAsync(["learnerId", "items.module-1.state"]);
        await collection.EnsureIndexAsync(["learnerId", "items.module-1.state"]);
        await collection.EnsureIndexAsync(["courseId"]);

        var indexes = await IndexesAsync(name);
        Assert.Equal(4, indexes.Count);
        Assert.All(indexes.Keys, index => Assert.True(index.Length <= 63, index));
        Assert.Single(indexes.Values, definition => definition.Contains("USING gin (body jsonb_path_ops)", StringComparison.Ordinal));
        Assert.Single(indexes.Values, definition => definition.EndsWith("btree (((body #>> '{learnerId}'::text[])), ((body #>> '{items,module-1,state}'::text[])))", StringComparison.Ordinal));
        Assert.Single(indexes.Values, definition => definition.EndsWith("btree (((body #>> '{courseId}'::text[])))", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_paths_that_are_not_plain_words_are_refused()
    {
        var collection = fixture.Store.Collection<JsonObject>("learner", NewName());

        await Assert.ThrowsAsync<ArgumentException>(() => collection.EnsureIndexAsync(["items.a'b"]));
    }

    [Fact]
    public void Index_names_fit_postgres_and_tell_field_lists_apart()
    {
        var longFields = Enumerable.Range(0, 10).Select(i => DocumentPath.Parse($"field{i}.with.a.long.path")).ToList();

        var name = PostgresIndex.Name(new string('c', CollectionName.MaxLength), longFields);

        Assert.True(name.Length <= 63);
        Assert.Equal(name, PostgresIndex.Name(new string('c', CollectionName.MaxLength), longFields));
        Assert.NotEqual(PostgresIndex.Name("c", [DocumentPath.Parse("a.b")]), PostgresIndex.Name("c", [DocumentPath.Parse("a_b")]));
    }

    [Theory]
    [InlineData("learnerId", "learner-1", "_learnerid_")]
    [InlineData("attempts", 3, "_body")]
    public async Task Equality_can_be_answered_from_an_index(string field, object value, string index)
    {
        var name = NewName();
        var collection = fixture.Store.Collection<JsonObject>("learner", name);
        await collection.EnsureIndexAsync([field]);
        var parameters = new List<NpgsqlParameter>();
        var condition = PostgresFilter.ToSql(DocumentFilter.Eq(field, value), parameters);

        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN SELECT body FROM learner.doc_{name} WHERE {condition}", connection);
        explain.Parameters.AddRange(parameters.ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains($"doc_{name}{index}", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, string>> IndexesAsync(string name)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'learner' AND tablename = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"doc_{name}" });
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }

        return indexes;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = fixture.DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    private static string NewName() => $"p{Guid.NewGuid():N}"[..17];
}
