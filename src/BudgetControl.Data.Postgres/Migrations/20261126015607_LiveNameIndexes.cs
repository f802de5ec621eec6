using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Postgres.Migrations
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
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "labels",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            // Existing rows get their normalized name here; the context sets it on every later save.
            // PostgreSQL's upper() folds beyond ASCII as ToUpperInvariant does for the names in use.
            migrationBuilder.Sql("UPDATE payees SET normalized_name = upper(btrim(name));");
            migrationBuilder.Sql("UPDATE labels SET normalized_name = upper(btrim(name));");

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
