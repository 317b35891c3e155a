using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialLearner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "learner");

            migrationBuilder.CreateTable(
                name: "certificates",
                schema: "learner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    enrollment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    key_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    signature = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revocation_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "course_outlines",
                schema: "learner",
                columns: table => new
                {
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sessions = table.Column<string>(type: "jsonb", nullable: false),
                    items = table.Column<string>(type: "jsonb", nullable: false),
                    version = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_outlines", x => x.course_id);
                });

            migrationBuilder.CreateTable(
                name: "enrollments",
                schema: "learner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    track = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrolled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "entitlements",
                schema: "learner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    granted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    enrollment_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entitlements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "learner",
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
                schema: "learner",
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

            migrationBuilder.CreateIndex(
                name: "ix_certificates_code",
                schema: "learner",
                table: "certificates",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_enrollment_id",
                schema: "learner",
                table: "certificates",
                column: "enrollment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_learner_id",
                schema: "learner",
                table: "certificates",
                column: "learner_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_course_id_state",
                schema: "learner",
                table: "enrollments",
                columns: new[] { "course_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_learner_id_enrolled_at",
                schema: "learner",
                table: "enrollments",
                columns: new[] { "learner_id", "enrolled_at" });

            migrationBuilder.CreateIndex(
                name: "ux_enrollments_current",
                schema: "learner",
                table: "enrollments",
                columns: new[] { "learner_id", "course_id" },
                unique: true,
                filter: "state IN ('Active', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_entitlements_learner_id_course_id",
                schema: "learner",
                table: "entitlements",
                columns: new[] { "learner_id", "course_id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unpublished",
                schema: "learner",
                table: "outbox",
                column: "position",
                filter: "published_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "course_outlines",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "enrollments",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "entitlements",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "learner");
        }
    }
}
