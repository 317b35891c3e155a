using Coursera.Federation.Composition;
using Coursera.Federation.SchemaChanges;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

/// <summary>
/// The schema check's classifier: each rule on a schema before and after one edit, then on the benchmark federation's
/// composed public schema, then the report's verdict.
/// </summary>
public sealed class SchemaChangeTests
{
    private const string Before = """
        type Query {
          "A course by id."
          course(id: ID!, locale: String): Course
          courses(first: Int = 10, filter: CourseFilter): [Course!]!
          search(text: String!): [SearchResult!]!
        }

        interface Node { id: ID! }

        type Course implements Node {
          id: ID!
          title: String
          level: Level!
          tags: [String!]
          legacyCode: String @deprecated(reason: "Use id.")
        }

        type Partner implements Node { id: ID! name: String! }

        union SearchResult = Course | Partner

        enum Level { BEGINNER INTERMEDIATE ADVANCED }

        input CourseFilter { level: Level, partner: ID!, language: String = "en" }

        scalar DateTime
        """;

    [Fact]
    public void An_unchanged_schema_has_no_changes() => Assert.Empty(SchemaComparison.Compare(Before, Before));

    [Theory]
    [InlineData("  title: String\n", "", SchemaChangeCodes.FieldRemoved, "Course.title")]
    [InlineData("  title: String\n", "  title: Int\n", SchemaChangeCodes.FieldTypeChanged, "Course.title")]
    [InlineData("  level: Level!\n", "  level: Level\n", SchemaChangeCodes.FieldTypeChanged, "Course.level")]
    [InlineData("  tags: [String!]\n", "  tags: String\n", SchemaChangeCodes.FieldTypeChanged, "Course.tags")]
    [InlineData("  tags: [String!]\n", "  tags: [String]\n", SchemaChangeCodes.FieldTypeChanged, "Course.tags")]
    [InlineData("course(id: ID!, locale: String)", "course(id: ID!, locale: String!)", SchemaChangeCodes.ArgumentTypeChanged, "Query.course(locale:)")]
    [InlineData("course(id: ID!, locale: String)", "course(id: ID!, locale: String, version: Int!)", SchemaChangeCodes.RequiredArgumentAdded, "Query.course(version:)")]
    [InlineData("course(id: ID!, locale: String)", "course(id: ID!)", SchemaChangeCodes.ArgumentRemoved, "Query.course(locale:)")]
    [InlineData("course(id: ID!, locale: String)", "course(id: Int!, locale: String)", SchemaChangeCodes.ArgumentTypeChanged, "Query.course(id:)")]
    [InlineData("enum Level { BEGINNER INTERMEDIATE ADVANCED }", "enum Level { BEGINNER ADVANCED }", SchemaChangeCodes.EnumValueRemoved, "Level.INTERMEDIATE")]
    [InlineData("union SearchResult = Course | Partner", "union SearchResult = Course", SchemaChangeCodes.UnionMemberRemoved, "SearchResult")]
    [InlineData("scalar DateTime", "", SchemaChangeCodes.TypeRemoved, "DateTime")]
    [InlineData("scalar DateTime", "enum DateTime { NOW }", SchemaChangeCodes.TypeKindChanged, "DateTime")]
    [InlineData("type Partner implements Node {", "type Partner {", SchemaChangeCodes.InterfaceRemoved, "Partner")]
    [InlineData("input CourseFilter { level: Level, partner: ID!, language: String = \"en\" }",
        "input CourseFilter { partner: ID!, language: String = \"en\" }", SchemaChangeCodes.InputFieldRemoved, "CourseFilter.level")]
    [InlineData("input CourseFilter { level: Level, partner: ID!, language: String = \"en\" }",
        "input CourseFilter { level: Level, partner: ID!, language: String = \"en\", session: ID! }", SchemaChangeCodes.RequiredInputFieldAdded, "CourseFilter.session")]
    [InlineData("input CourseFilter { level: Level, partner: ID!, language: String = \"en\" }",
        "input CourseFilter { level: Level!, partner: ID!, language: String = \"en\" }", SchemaChangeCodes.InputFieldTypeChanged, "CourseFilter.level")]
    [InlineData("  legacyCode: String @deprecated(reason: \"Use id.\")\n", "", SchemaChangeCodes.FieldRemoved, "Course.legacyCode")]
    public void Is_breaking(string from, string to, string code, string path) => AssertOnly(from, to, SchemaChangeSeverity.Breaking, code, path);

    [Theory]
    [InlineData("enum Level { BEGINNER INTERMEDIATE ADVANCED }", "enum Level { BEGINNER INTERMEDIATE ADVANCED EXPERT }", SchemaChangeCodes.EnumValueAdded, "Level.EXPERT")]
    [InlineData("union SearchResult = Course | Partner", "union SearchResult = Course | Partner | Instructor\ntype Instructor { id: ID! }",
        SchemaChangeCodes.UnionMemberAdded, "SearchResult", 1)]
    [InlineData("courses(first: Int = 10,", "courses(first: Int = 20,", SchemaChangeCodes.ArgumentDefaultChanged, "Query.courses(first:)")]
    [InlineData("courses(first: Int = 10,", "courses(first: Int,", SchemaChangeCodes.ArgumentDefaultChanged, "Query.courses(first:)")]
    [InlineData("language: String = \"en\"", "language: String = \"fr\"", SchemaChangeCodes.InputFieldDefaultChanged, "CourseFilter.language")]
    [InlineData("course(id: ID!, locale: String)", "course(id: ID!, locale: String, preview: Boolean)", SchemaChangeCodes.OptionalArgumentAdded, "Query.course(preview:)")]
    [InlineData("course(id: ID!, locale: String)", "course(id: ID!, locale: String, preview: Boolean! = false)", SchemaChangeCodes.OptionalArgumentAdded, "Query.course(preview:)")]
    [InlineData("input CourseFilter { level: Level,", "input CourseFilter { level: Level, skill: String,", SchemaChangeCodes.OptionalInputFieldAdded, "CourseFilter.skill")]
    [InlineData("type Partner implements Node {", "interface Named { name: String! }\ntype Partner implements Node & Named {", SchemaChangeCodes.InterfaceAdded, "Partner", 1)]
    public void Is_dangerous(string from, string to, string code, string path, int alsoSafe = 0) =>
        AssertOnly(from, to, SchemaChangeSeverity.Dangerous, code, path, alsoSafe);

    [Theory]
    [InlineData("  title: String\n", "  title: String\n  subtitle: String\n", SchemaChangeCodes.FieldAdded, "Course.subtitle")]
    [InlineData("  title: String\n", "  title: String!\n", SchemaChangeCodes.FieldTypeChangedSafely, "Course.title")]
    [InlineData("  tags: [String!]\n", "  tags: [String!]!\n", SchemaChangeCodes.FieldTypeChangedSafely, "Course.tags")]
    [InlineData("  title: String\n", "  title: String @deprecated(reason: \"Use name.\")\n", SchemaChangeCodes.FieldDeprecated, "Course.title")]
    [InlineData("  legacyCode: String @deprecated(reason: \"Use id.\")\n", "  legacyCode: String\n", SchemaChangeCodes.DeprecationRemoved, "Course.legacyCode")]
    [InlineData("BEGINNER INTERMEDIATE", "BEGINNER @deprecated INTERMEDIATE", SchemaChangeCodes.EnumValueDeprecated, "Level.BEGINNER")]
    [InlineData("course(id: ID!,", "course(id: ID,", SchemaChangeCodes.ArgumentTypeWidened, "Query.course(id:)")]
    [InlineData("partner: ID!,", "partner: ID,", SchemaChangeCodes.InputFieldTypeWidened, "CourseFilter.partner")]
    [InlineData("scalar DateTime", "scalar DateTime\nscalar Long", SchemaChangeCodes.TypeAdded, "Long")]
    [InlineData("\"A course by id.\"", "\"A course by its id.\"", SchemaChangeCodes.FieldDescriptionChanged, "Query.course")]
    public void Is_safe(string from, string to, string code, string path) => AssertOnly(from, to, SchemaChangeSeverity.Safe, code, path);

    [Fact]
    public void A_changed_root_type_is_breaking()
    {
        var changes = SchemaComparison.Compare(Before, "schema { query: Root }\n" + Before.Replace("type Query {", "type Root {", StringComparison.Ordinal));

        Assert.Contains(changes, c => c is { Severity: SchemaChangeSeverity.Breaking, Code: SchemaChangeCodes.RootTypeChanged, Path: "Query" });
    }

    [Fact]
    public void Sdl_that_does_not_parse_is_refused_naming_the_version()
    {
        var error = Assert.Throws<ArgumentException>(() => SchemaComparison.Compare(Before, "type Query {"));

        Assert.Contains("new schema is not valid SDL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_removed_from_a_composed_subgraph_is_breaking_in_the_public_schema()
    {
        var before = Composer.Compose(Fixture.Benchmark()).Supergraph!.PublicSdl;
        var reviews = Fixture.Benchmark().Single(s => s.Name == "reviews");
        Assert.Contains("body: String", reviews.Sdl, StringComparison.Ordinal);
        var edited = Fixture.Benchmark().Select(s => s.Name == "reviews" ? s with { Sdl = s.Sdl.Replace("body: String", "", StringComparison.Ordinal) } : s);
        var after = Composer.Compose(edited);
        Assert.True(after.Succeeded, string.Join("\n", after.Errors));

        var change = Assert.Single(SchemaComparison.Compare(before, after.Supergraph!.PublicSdl));

        Assert.Equal(new SchemaChange(SchemaChangeSeverity.Breaking, SchemaChangeCodes.FieldRemoved, "Review.body", "Review.body was removed."), change);
    }

    [Fact]
    public void A_report_fails_on_an_unacknowledged_breaking_change_and_passes_once_it_is_acknowledged()
    {
        var changes = SchemaComparison.Compare(Before, Before.Replace("  title: String\n", "  subtitle: String\n", StringComparison.Ordinal));

        var refused = new SchemaChangeReport(changes, SchemaChangeAcknowledgements.None);
        var accepted = new SchemaChangeReport(changes,
            SchemaChangeAcknowledgements.Parse(["# the title moves to the catalog's Listing type", "FIELD_REMOVED   Course.title  # issue 42"]));

        Assert.False(refused.Passes);
        Assert.Equal("FIELD_REMOVED Course.title", Assert.Single(refused.UnacknowledgedBreaking).Id);
        Assert.Matches(@"\nBREAKING +FIELD_REMOVED +Course\.title +Course\.title was removed\.\n", refused.ToTable());
        Assert.Contains("  FIELD_REMOVED Course.title\n", refused.ToTable(), StringComparison.Ordinal);
        Assert.True(accepted.Passes);
        Assert.Contains("1 breaking (1 acknowledged), 0 dangerous, 1 safe.", accepted.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dangerous_and_safe_changes_alone_pass()
    {
        var changes = SchemaComparison.Compare(Before, Before.Replace("ADVANCED }", "ADVANCED EXPERT }", StringComparison.Ordinal));

        Assert.True(new SchemaChangeReport(changes, SchemaChangeAcknowledgements.None).Passes);
    }

    private static void AssertOnly(string from, string to, SchemaChangeSeverity severity, string code, string path, int alsoSafe = 0)
    {
        Assert.Contains(from, Before, StringComparison.Ordinal);
        var changes = SchemaComparison.Compare(Before, Before.Replace(from, to, StringComparison.Ordinal));

        var change = Assert.Single(changes, c => c.Severity != SchemaChangeSeverity.Safe || c.Code == code);
        Assert.Equal((severity, code, path), (change.Severity, change.Code, change.Path));
        Assert.True(changes.Count == 1 + alsoSafe, string.Join("\n", changes));
    }
}
