using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Lists5WalletDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_wallet_id",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_wallet_id_planned_date_time_id",
                table: "entries",
                columns: new[] { "wallet_id", "planned", "date_time", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_wallet_id_planned_date_time_id",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_wallet_id",
                table: "entries",
                column: "wallet_id");
        }
    }
}
