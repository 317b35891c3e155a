using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class LearningRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "learning_record_seq",
                schema: "learner");

            migrationBuilder.CreateTable(
                name: "learning_records",
                schema: "learner",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    enrollment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    track = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress = table.Column<double>(type: "double precision", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    item_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    score = table.Column<double>(type: "double precision", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_learning_records", x => x.seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_learning_records_enrollment_id_seq",
                schema: "learner",
                table: "learning_records",
                columns: new[] { "enrollment_id", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_learning_records_organization_id_occurred_at",
                schema: "learner",
                table: "learning_records",
                columns: new[] { "organization_id", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_learning_records_organization_id_seq",
                schema: "learner",
                table: "learning_records",
                columns: new[] { "organization_id", "seq" });

            // Commit order is number order per organization: each row is numbered only once its transaction holds the
            // organization's advisory lock, held until it commits, so no later number of the organization can become
            // visible before an earlier one (LearningRecordLog.LockSpace is the first key; the writer takes the same lock
            // first, in organization order, to avoid deadlocks).
            migrationBuilder.Sql("""
                CREATE FUNCTION learner.number_learning_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(1280460099, hashtext(NEW.organization_id::text));
                    NEW.seq := nextval('learner.learning_record_seq');
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER learning_records_numbered BEFORE INSERT ON learner.learning_records
                    FOR EACH ROW EXECUTE FUNCTION learner.number_learning_record();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_records",
                schema: "learner");

            migrationBuilder.Sql("DROP FUNCTION learner.number_learning_record();");

            migrationBuilder.DropSequence(
                name: "learning_record_seq",
                schema: "learner");
        }
    }
}
