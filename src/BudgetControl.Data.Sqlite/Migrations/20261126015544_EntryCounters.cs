using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EntryCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_workspace_id_date_time",
                table: "entries");

            migrationBuilder.CreateTable(
                name: "entry_counts",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    planned = table.Column<bool>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_counts", x => new { x.workspace_id, x.wallet_id, x.type, x.planned });
                });

            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id_date_time_id",
                table: "entries",
                columns: new[] { "workspace_id", "date_time", "id" });

            // Counters of the entries that exist already (frozen copy of EntryCounts.RebuildSql).
            migrationBuilder.Sql("""
                INSERT INTO entry_counts (workspace_id, wallet_id, type, planned, count)
                SELECT workspace_id, COALESCE(wallet_id, 0), type, planned, COUNT(*)
                FROM entries WHERE deleted_at IS NULL
                GROUP BY workspace_id, COALESCE(wallet_id, 0), type, planned
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entry_counts");

            migrationBuilder.DropIndex(
                name: "ix_entries_workspace_id_date_time_id",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id_date_time",
                table: "entries",
                columns: new[] { "workspace_id", "date_time" });
        }
    }
}
