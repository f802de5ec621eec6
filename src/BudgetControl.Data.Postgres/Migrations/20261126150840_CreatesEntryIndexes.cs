using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CreatesEntryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_goal_id",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_payee_id",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_transfer_wallet_id",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_workspace_id",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_goal_id",
                table: "entries",
                column: "goal_id",
                filter: "goal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_entries_payee_id",
                table: "entries",
                column: "payee_id",
                filter: "payee_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_entries_transfer_wallet_id",
                table: "entries",
                column: "transfer_wallet_id",
                filter: "transfer_wallet_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_goal_id",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_payee_id",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_transfer_wallet_id",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_goal_id",
                table: "entries",
                column: "goal_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_payee_id",
                table: "entries",
                column: "payee_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_transfer_wallet_id",
                table: "entries",
                column: "transfer_wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id",
                table: "entries",
                column: "workspace_id");
        }
    }
}
