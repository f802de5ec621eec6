using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnplannedIndexName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_entries_workspace_id_date_time_id1",
                table: "entries",
                newName: "ix_entries_unplanned_workspace_id_date_time_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_entries_unplanned_workspace_id_date_time_id",
                table: "entries",
                newName: "ix_entries_workspace_id_date_time_id1");
        }
    }
}
