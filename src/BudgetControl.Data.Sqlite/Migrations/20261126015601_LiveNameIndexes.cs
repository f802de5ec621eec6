using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LiveNameIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "payees",
                type: "TEXT",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "labels",
                type: "TEXT",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            // Existing rows get their normalized name here; SQLite's upper() folds ASCII only, so a name with other
            // letters is folded fully on its next save (the context sets NormalizedName with ToUpperInvariant).
            migrationBuilder.Sql("UPDATE payees SET normalized_name = upper(trim(name));");
            migrationBuilder.Sql("UPDATE labels SET normalized_name = upper(trim(name));");

            migrationBuilder.CreateIndex(
                name: "ux_payees_workspace_name",
                table: "payees",
                columns: new[] { "workspace_id", "normalized_name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_labels_workspace_name",
                table: "labels",
                columns: new[] { "workspace_id", "normalized_name" },
                unique: true,
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_payees_workspace_name",
                table: "payees");

            migrationBuilder.DropIndex(
                name: "ux_labels_workspace_name",
                table: "labels");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                table: "payees");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                table: "labels");
        }
    }
}
