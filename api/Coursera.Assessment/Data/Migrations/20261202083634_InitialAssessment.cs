using System;
using Coursera.Events.Signals;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coursera.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "assessment");

            migrationBuilder.CreateTable(
                name: "assessments",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "attempt_grants",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    extra_attempts = table.Column<int>(type: "integer", nullable: false),
                    granted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    granted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_grants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "attempts",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    number = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    score = table.Column<double>(type: "double precision", nullable: true),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    graded_with_version_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "course_items",
                schema: "assessment",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    graded = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_items", x => x.item_id);
                });

            migrationBuilder.CreateTable(
                name: "course_passes",
                schema: "assessment",
                columns: table => new
                {
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    passed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_passes", x => new { x.learner_id, x.course_id });
                });

            migrationBuilder.CreateTable(
                name: "enrollments",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "grades",
                schema: "assessment",
                columns: table => new
                {
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    graded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grades", x => new { x.learner_id, x.item_id });
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "assessment",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox", x => new { x.consumer, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    envelope = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "versions",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    questions = table.Column<string>(type: "jsonb", nullable: false),
                    policy = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_versions_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalSchema: "assessment",
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_course_id",
                schema: "assessment",
                table: "assessments",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_item_id",
                schema: "assessment",
                table: "assessments",
                column: "item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attempt_grants_assessment_id_learner_id",
                schema: "assessment",
                table: "attempt_grants",
                columns: new[] { "assessment_id", "learner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_attempts_assessment_id_learner_id_number",
                schema: "assessment",
                table: "attempts",
                columns: new[] { "assessment_id", "learner_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attempts_due_at",
                schema: "assessment",
                table: "attempts",
                column: "due_at",
                filter: "state = 'InProgress' AND due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_attempts_learner_id_item_id",
                schema: "assessment",
                table: "attempts",
                columns: new[] { "learner_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_course_items_course_id",
                schema: "assessment",
                table: "course_items",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_learner_id_course_id",
                schema: "assessment",
                table: "enrollments",
                columns: new[] { "learner_id", "course_id" });

            migrationBuilder.CreateIndex(
                name: "ix_grades_course_id_learner_id",
                schema: "assessment",
                table: "grades",
                columns: new[] { "course_id", "learner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unpublished",
                schema: "assessment",
                table: "outbox",
                column: "position",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_versions_assessment_id_number",
                schema: "assessment",
                table: "versions",
                columns: new[] { "assessment_id", "number" },
                unique: true);

            // The outbox relay sleeps until a row is inserted (Coursera.Events.Signals).
            migrationBuilder.AddInsertNotification("assessment", "outbox");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropInsertNotification("assessment", "outbox");

            migrationBuilder.DropTable(
                name: "attempt_grants",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "attempts",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "course_items",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "course_passes",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "enrollments",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "grades",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "versions",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "assessments",
                schema: "assessment");
        }
    }
}
