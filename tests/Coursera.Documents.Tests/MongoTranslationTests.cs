using Coursera.Documents.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using Snapshooter.Xunit;

namespace Coursera.Documents.Tests;

/// <summary>
/// What the MongoDB adapter sends, rendered without a server (none runs here): the snapshots are the queries a
/// reviewer checks against MongoDB's documentation.
/// </summary>
public sealed class MongoTranslationTests
{
    private static readonly RenderArgs<BsonDocument> Args = new(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry);

    [Fact]
    public void A_filter_renders_as_and_of_eq_in_and_null()
    {
        var filter = DocumentFilter.And(
            DocumentFilter.Eq("items.m1.state", "done"),
            DocumentFilter.In("courseId", ["course-1", "course-2"]),
            DocumentFilter.Eq("withdrawnAt", null),
            DocumentFilter.Eq("token", Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")),
            DocumentFilter.Eq("state", EnrollmentState.Completed));

        Text(MongoTranslation.Filter(filter).Render(Args)).MatchSnapshot();
    }

    [Fact]
    public void Every_document_is_the_empty_filter()
    {
        Assert.Equal("{ }", MongoTranslation.Filter(DocumentFilter.All).Render(Args).ToJson());
    }

    [Fact]
    public void An_update_renders_as_set_max_inc_and_unset()
    {
        var update = DocumentUpdate.Empty
            .Set("items.m1", new ItemProgress("done", 0.9))
            .Set("state", EnrollmentState.Completed)
            .Max("bestScore", 0.9)
            .Inc("attempts", 1)
            .Inc("balance", -2.5)
            .Unset("draft");

        Text(MongoTranslation.Update(update).Render(Args)).MatchSnapshot();
    }

    [Fact]
    public void An_empty_update_is_refused_before_it_reaches_the_server()
    {
        Assert.Throws<ArgumentException>(() => MongoTranslation.Update(DocumentUpdate.Empty));
    }

    [Fact]
    public void An_index_renders_as_ascending_keys_in_order()
    {
        Text(MongoTranslation.Index(["learnerId", "items.m1.state"]).Keys.Render(Args)).MatchSnapshot();
    }

    [Fact]
    public void A_document_renders_with_its_id_and_its_json_form()
    {
        Text(MongoTranslation.ToBson("e1", Sample())).MatchSnapshot();
    }

    [Fact]
    public void A_document_reads_back_from_bson_as_it_was()
    {
        var enrollment = Sample();

        var read = MongoTranslation.FromBson<Enrollment>(MongoTranslation.ToBson("e1", enrollment));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(enrollment, DocumentValue.Json), System.Text.Json.JsonSerializer.Serialize(read, DocumentValue.Json));
    }

    [Fact]
    public void Values_have_the_bson_types_of_the_documents_values()
    {
        Assert.Equal(BsonType.Int32, MongoTranslation.Value(DocumentValue.From(3)).BsonType);
        Assert.Equal(BsonType.Double, MongoTranslation.Value(DocumentValue.From(0.5)).BsonType);
        Assert.Equal(BsonType.String, MongoTranslation.Value(DocumentValue.From(Guid.NewGuid())).BsonType);
        Assert.Equal(BsonType.String, MongoTranslation.Value(DocumentValue.From(DateTime.UtcNow)).BsonType);
        Assert.Equal(BsonType.Null, MongoTranslation.Value(null).BsonType);
    }

    private static Enrollment Sample() => new()
    {
        LearnerId = "learner-1",
        CourseId = "course-1",
        State = EnrollmentState.Active,
        Token = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        EnrolledAt = new DateTime(2025, 3, 1, 9, 30, 15, 123, DateTimeKind.Utc),
        Attempts = 2,
        BestScore = 0.75,
        Items = new() { ["m1"] = new ItemProgress("done", 1) },
        Tags = ["evening"],
    };

    private static string Text(BsonValue value) =>
        value.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = true });
}
