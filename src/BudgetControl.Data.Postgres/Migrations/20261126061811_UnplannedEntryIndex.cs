using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnplannedEntryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id_date_time_id1",
                table: "entries",
                columns: new[] { "workspace_id", "date_time", "id" },
                filter: "deleted_at IS NULL AND NOT planned");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_workspace_id_date_time_id1",
                table: "entries");
        }
    }
}
