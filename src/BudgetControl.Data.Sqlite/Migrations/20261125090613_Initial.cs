using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    icon = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "currencies",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    icon = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    minor_units = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_currencies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictApplications",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    application_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    client_secret = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    client_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    concurrency_token = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    consent_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    display_names = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    json_web_key_set = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    permissions = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    post_logout_redirect_uris = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    properties = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    redirect_uris = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    requirements = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    settings = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_iddict_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictScopes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    concurrency_token = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    descriptions = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    display_names = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    properties = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    resources = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_iddict_scopes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_types",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    email_verified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    external_subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sub_categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    exclude_from_stats = table.Column<bool>(type: "INTEGER", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sub_categories", x => x.id);
                    table.ForeignKey(
                        name: "fk_sub_categories_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictAuthorizations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    application_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    concurrency_token = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    creation_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    properties = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_iddict_authorizations", x => x.id);
                    table.ForeignKey(
                        name: "fk_open_iddict_authorizations_open_iddict_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    owner_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspaces", x => x.id);
                    table.ForeignKey(
                        name: "fk_workspaces_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictTokens",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    application_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    authorization_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    concurrency_token = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    creation_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expiration_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    payload = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    properties = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    redemption_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reference_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_iddict_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_open_iddict_tokens_open_iddict_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_open_iddict_tokens_open_iddict_authorizations_authorization_id",
                        column: x => x.authorization_id,
                        principalTable: "OpenIddictAuthorizations",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    configuration = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    notification = table.Column<bool>(type: "INTEGER", nullable: false),
                    emails = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_budgets_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    category_icon = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    balance = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                    table.ForeignKey(
                        name: "fk_goals_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "labels",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    color = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    archive = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labels", x => x.id);
                    table.ForeignKey(
                        name: "fk_labels_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payees",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    balance = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payees", x => x.id);
                    table.ForeignKey(
                        name: "fk_payees_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "wallets",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    color = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    installement = table.Column<bool>(type: "INTEGER", nullable: false),
                    installement_value = table.Column<long>(type: "INTEGER", nullable: true),
                    credit_limit = table.Column<long>(type: "INTEGER", nullable: true),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    opening_balance = table.Column<long>(type: "INTEGER", nullable: false),
                    balance = table.Column<long>(type: "INTEGER", nullable: false),
                    exclude_from_stats = table.Column<bool>(type: "INTEGER", nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closing_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payment_account_id = table.Column<int>(type: "INTEGER", nullable: true),
                    sorting = table.Column<int>(type: "INTEGER", nullable: false),
                    voucher_value = table.Column<long>(type: "INTEGER", nullable: true),
                    archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wallets", x => x.id);
                    table.ForeignKey(
                        name: "fk_wallets_currencies_currency_id",
                        column: x => x.currency_id,
                        principalTable: "currencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallets_wallets_payment_account_id",
                        column: x => x.payment_account_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallets_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workspace_members",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    last_activated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace_members", x => new { x.workspace_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_workspace_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_workspace_members_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspace_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    setting = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    payment_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    locale = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_workspace_settings_currencies_currency_id",
                        column: x => x.currency_id,
                        principalTable: "currencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workspace_settings_payment_types_payment_type_id",
                        column: x => x.payment_type_id,
                        principalTable: "payment_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workspace_settings_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    wallet_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    date_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    waranty = table.Column<bool>(type: "INTEGER", nullable: false),
                    transfer = table.Column<bool>(type: "INTEGER", nullable: false),
                    confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    planned = table.Column<bool>(type: "INTEGER", nullable: false),
                    installment = table.Column<bool>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: true),
                    transfer_wallet_id = table.Column<int>(type: "INTEGER", nullable: true),
                    transfer_relation = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    payee_id = table.Column<int>(type: "INTEGER", nullable: true),
                    goal_id = table.Column<int>(type: "INTEGER", nullable: true),
                    geolocation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    exclude_from_stats = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_entries_currencies_currency_id",
                        column: x => x.currency_id,
                        principalTable: "currencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_entries_payees_payee_id",
                        column: x => x.payee_id,
                        principalTable: "payees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_payment_types_payment_type_id",
                        column: x => x.payment_type_id,
                        principalTable: "payment_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_sub_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "sub_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_wallets_transfer_wallet_id",
                        column: x => x.transfer_wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_wallets_wallet_id",
                        column: x => x.wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entries_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    category_id = table.Column<int>(type: "INTEGER", nullable: true),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: true),
                    payment_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    payee_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_models", x => x.id);
                    table.ForeignKey(
                        name: "fk_models_currencies_currency_id",
                        column: x => x.currency_id,
                        principalTable: "currencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_models_payees_payee_id",
                        column: x => x.payee_id,
                        principalTable: "payees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_models_payment_types_payment_type_id",
                        column: x => x.payment_type_id,
                        principalTable: "payment_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_models_sub_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "sub_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_models_wallets_wallet_id",
                        column: x => x.wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_models_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "planned_entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    planning = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    date_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end_date_time = table.Column<DateTime>(type: "TEXT", nullable: true),
                    confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: true),
                    transfer_wallet_id = table.Column<int>(type: "INTEGER", nullable: true),
                    payment_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    payee_id = table.Column<int>(type: "INTEGER", nullable: true),
                    goal_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_planned_entries_currencies_currency_id",
                        column: x => x.currency_id,
                        principalTable: "currencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_planned_entries_payees_payee_id",
                        column: x => x.payee_id,
                        principalTable: "payees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_payment_types_payment_type_id",
                        column: x => x.payment_type_id,
                        principalTable: "payment_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_sub_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "sub_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_wallets_transfer_wallet_id",
                        column: x => x.transfer_wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_wallets_wallet_id",
                        column: x => x.wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_entries_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entry_labels",
                columns: table => new
                {
                    entry_id = table.Column<int>(type: "INTEGER", nullable: false),
                    label_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_labels", x => new { x.entry_id, x.label_id });
                    table.ForeignKey(
                        name: "fk_entry_labels_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entry_labels_labels_label_id",
                        column: x => x.label_id,
                        principalTable: "labels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_labels",
                columns: table => new
                {
                    label_id = table.Column<int>(type: "INTEGER", nullable: false),
                    model_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_labels", x => new { x.label_id, x.model_id });
                    table.ForeignKey(
                        name: "fk_model_labels_labels_label_id",
                        column: x => x.label_id,
                        principalTable: "labels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_model_labels_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planned_entry_labels",
                columns: table => new
                {
                    label_id = table.Column<int>(type: "INTEGER", nullable: false),
                    planned_entry_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_entry_labels", x => new { x.label_id, x.planned_entry_id });
                    table.ForeignKey(
                        name: "fk_planned_entry_labels_labels_label_id",
                        column: x => x.label_id,
                        principalTable: "labels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_planned_entry_labels_planned_entries_planned_entry_id",
                        column: x => x.planned_entry_id,
                        principalTable: "planned_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "categories",
                columns: new[] { "id", "created_at", "icon", "name", "slug", "type", "updated_at", "uuid" },
                values: new object[,]
                {
                    { 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-hamburger", "Food & drinks", "food_drinks", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b6900838-7042-51f5-b241-c1cbaf940ac9") },
                    { 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-shopping-bag", "Shopping", "shopping", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7cce495e-dbc4-54d4-a57e-509638c6584b") },
                    { 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-home", "Home", "home", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("463eb12e-f304-5663-9154-b11512f7ed19") },
                    { 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-bus", "Transport", "transport", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("25db7182-02e8-5303-90f8-7d3f1fc21076") },
                    { 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-car", "Vehicles", "vehicles", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("ffa9b9b5-34a6-5258-a155-68eb7e55d795") },
                    { 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-glass-cheers", "Entertainment", "entertainment", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("d9f1f4d0-3917-504f-bd5e-453ddf72bde3") },
                    { 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-laptop", "Communication & PC", "communication_pc", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("3d43b628-5b90-532b-bb6f-7f6af2b580ab") },
                    { 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-file-invoice-dollar", "Financial expenses", "financial_expenses", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("75bac5c5-f9fc-52e6-b012-831018815dcd") },
                    { 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-chart-line", "Investments", "investments", "investments", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("9a90e30a-b948-5a87-83df-8fa9eead73de") },
                    { 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-money-bill-wave", "Income", "income", "incoming", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("54b38206-1bc8-5c06-96b2-89b9717667a4") },
                    { 11, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "fas fa-question", "Other", "other", "expenses", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("62464159-cfac-5953-9da7-4b7a94553fa4") }
                });

            migrationBuilder.InsertData(
                table: "currencies",
                columns: new[] { "id", "created_at", "icon", "label", "minor_units", "name", "slug", "updated_at" },
                values: new object[,]
                {
                    { 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "$", "USD", 2, "United States Dollar", "united_states_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "€", "EUR", 2, "Euro", "euro", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "£", "GBP", 2, "British Pound", "british_pound", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "¥", "JPY", 0, "Japanese Yen", "japanese_yen", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "CHF", "CHF", 2, "Swiss Franc", "swiss_franc", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "CA$", "CAD", 2, "Canadian Dollar", "canadian_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "A$", "AUD", 2, "Australian Dollar", "australian_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "NZ$", "NZD", 2, "New Zealand Dollar", "new_zealand_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "kr", "SEK", 2, "Swedish Krona", "swedish_krona", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "kr", "NOK", 2, "Norwegian Krone", "norwegian_krone", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 11, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "kr", "DKK", 2, "Danish Krone", "danish_krone", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 12, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "S$", "SGD", 2, "Singapore Dollar", "singapore_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 13, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "HK$", "HKD", 2, "Hong Kong Dollar", "hong_kong_dollar", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 14, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "¥", "CNY", 2, "Chinese Yuan", "chinese_yuan", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 15, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "₽", "RUB", 2, "Russian Ruble", "russian_ruble", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 16, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "₹", "INR", 2, "Indian Rupee", "indian_rupee", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 17, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Rp", "IDR", 2, "Indonesian Rupiah", "indonesian_rupiah", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 18, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "R$", "BRL", 2, "Brazilian Real", "brazilian_real", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 19, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "MX$", "MXN", 2, "Mexican Peso", "mexican_peso", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 20, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "$", "ARS", 2, "Argentine Peso", "argentine_peso", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.InsertData(
                table: "payment_types",
                columns: new[] { "id", "created_at", "name", "slug", "updated_at", "uuid" },
                values: new object[,]
                {
                    { 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Credit Card", "credit_card", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("92f14b23-0e25-528b-a2d9-a1afaaca6876") },
                    { 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Debit Card", "debit_card", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("321882d0-b2b4-5d20-adb3-91d824513b04") },
                    { 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Bank Transfer", "bank_transfer", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("a8a6a4ef-2a7a-5fe7-a599-77d835876e97") },
                    { 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Cash", "cash", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("88b26810-9b43-519d-aa48-c5b44a432dbc") },
                    { 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Check", "check", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("45527aa3-b26e-5a52-ae6e-5fe57a2655b5") }
                });

            migrationBuilder.InsertData(
                table: "sub_categories",
                columns: new[] { "id", "category_id", "created_at", "exclude_from_stats", "name", "slug", "updated_at", "uuid" },
                values: new object[,]
                {
                    { 1, 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Bars & clubs", "bars_clubs", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("3afc88cb-65d6-5ce8-805e-22462e1a9648") },
                    { 2, 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Restaurants & fast food", "restaurants_fast_food", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("9e8b6c4a-d1e2-5ed1-993f-3cc582f83ee0") },
                    { 3, 1, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Groceries", "groceries", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("02d67351-9ea8-5166-b544-f1d58c81554e") },
                    { 4, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Clothing & shoes", "clothing_shoes", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("e3df9c86-59ee-542e-b0d8-3659e679ce13") },
                    { 5, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Pets", "pets", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("9df6c4e5-35e2-5119-9d69-6a8c56bc4be1") },
                    { 6, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Beauty & wellness", "beauty_wellness", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8b98a56e-0748-5717-82f3-e9a9f61a120a") },
                    { 7, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Stationery & tools", "stationery_tools", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("d7393101-8979-51bb-84ad-ef971dcc47ac") },
                    { 8, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Home & garden", "home_garden", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8d4930b7-eb27-514a-8752-a293cbc33ce2") },
                    { 9, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Electronics & accessories", "electronics_accessories", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("bae1173d-75ec-5b9f-906e-eec8a048a53d") },
                    { 10, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Pharmacy", "pharmacy", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("2e099f70-7223-5dff-80b2-8e54f8e9577d") },
                    { 11, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Children", "children", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("815257b1-eb5a-5a8f-8a5d-33c37344d6fc") },
                    { 12, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Jewelry & accessories", "jewelry_accessories", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("463e7aad-7ede-5391-bcd4-cd7807a7c834") },
                    { 13, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Gifts", "gifts", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("3f5cf307-e69f-5c9d-becc-b031160df791") },
                    { 14, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Family assistance", "family_assistance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b66855df-32e6-5dde-b4c5-cb754c726eef") },
                    { 15, 2, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Leisure", "leisure", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("780cca58-4684-5c00-9232-ccb6e495b08d") },
                    { 16, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Rent", "rent", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("bd0edadd-5436-5fdf-9fdd-beeaf94a6799") },
                    { 17, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Property insurance", "property_insurance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("2180ba84-e96d-5695-bccf-39dae223789b") },
                    { 18, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Condominium", "condominium", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("65a8ee7d-4267-5a85-9a39-512555fc24d7") },
                    { 19, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Energy & utilities", "energy_utilities", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("39e1037d-73f1-5de9-85d6-76f79aff10cd") },
                    { 20, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Maintenance", "maintenance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("32a61043-bad6-54c8-b9ba-c8d8a5cd35e2") },
                    { 21, 3, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Mortgage", "mortgage", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("4f189943-4366-5ec4-ad89-632df96f27b2") },
                    { 22, 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Taxi", "taxi", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("73cf1037-21f2-515d-936f-5c4b7b78adad") },
                    { 23, 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Public transport", "public_transport", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("fc67d644-0df5-5678-9d26-dd96e436fa49") },
                    { 24, 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Trips", "trips", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("14c3986c-b102-516b-a8b3-db94623a8a88") },
                    { 25, 4, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Business trips", "business_trips", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("39257d2e-eb45-57b6-ba86-9be5ca1e89bc") },
                    { 26, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Vehicle insurance", "vehicle_insurance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("fa5d13a6-18d2-5624-9d03-7e4a33cb88cc") },
                    { 27, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Fuel", "fuel", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("1fa84bb6-1c86-54f2-aa16-39b3faeaec1c") },
                    { 28, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Vehicle maintenance", "vehicle_maintenance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("15ec08f7-b7ee-5528-8d06-06e6bd7731c4") },
                    { 29, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Rentals", "rentals", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7aa7fe78-5532-5597-83ee-b2d5f8027a1c") },
                    { 30, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Parking", "parking", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("ca913419-94dc-56f7-8872-3e3702416e36") },
                    { 31, 5, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Tolls", "tolls", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("4cf4d1a9-634b-5306-ac58-1700bc0cd460") },
                    { 32, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Alcohol", "alcohol", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b561e1d8-a299-527b-ae61-793e84823627") },
                    { 33, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Tobacco", "tobacco", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("53d196fd-1d15-5c60-bea2-2fe16de9ec21") },
                    { 34, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Culture, sports & events", "culture_sports_events", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("f7e53391-3123-5429-b566-ce964904d4be") },
                    { 35, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Donations & charity", "donations_charity", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("bf80f603-8ef1-54b1-a1fb-888411b3e24d") },
                    { 36, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Events", "events", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("5736fa42-e335-585f-9297-c0c2f8ee9523") },
                    { 37, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Wedding", "wedding", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("3863ae66-4012-59e7-83c9-bc2c6908ca1b") },
                    { 38, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Training & development", "training_development", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("023fb80c-8526-5235-b068-959eed275036") },
                    { 39, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Hobbies", "hobbies", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("bfb42d63-24c4-5c92-b980-b9d5fecd4445") },
                    { 40, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Books, audio & subscriptions", "books_audio_subscriptions", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b1eceb7c-3dd7-5dcd-8a59-7367259e8f9b") },
                    { 41, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Lotteries & gambling", "lotteries_gambling", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("46ca0694-98ab-5ef5-89d5-3bef358c47a5") },
                    { 42, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Health", "health", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("499f7eab-2839-5242-afe5-0e6237c795bb") },
                    { 43, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Sports & fitness", "sports_fitness", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("e1e2ae07-0390-5075-b460-fc7bb4429455") },
                    { 44, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "TV & streaming", "tv_streaming", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7da49076-e56f-5bb5-84a2-b720f5f49c57") },
                    { 45, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Holidays", "holidays", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("dd22dbbd-d1a3-5d6b-a4b4-6b7603a31084") },
                    { 46, 6, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Hotels", "hotels", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("35bcc49f-f2db-5775-86e4-581820564421") },
                    { 47, 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Internet", "internet", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("c595469e-83bb-5362-9bb1-e6e238922b1e") },
                    { 48, 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Postal services", "postal_services", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8fb1ef77-5ea0-5129-86e3-88ec56be8ec1") },
                    { 49, 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Software, apps & games", "software_apps_games", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("00bc92cb-3e8c-5731-b7c4-9528649310f9") },
                    { 50, 7, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Telephone", "telephone", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("026da137-adde-5f2c-ace5-c563b99ceafd") },
                    { 51, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Family allowance", "family_allowance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("27556cc5-d7f2-5f2e-9cca-fd24441a317c") },
                    { 52, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Insurance", "insurance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8baaf22a-f234-5058-8193-26555b6bf728") },
                    { 53, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Consultancy", "consultancy", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("ca97a529-69c2-5c85-b103-f166725f17fe") },
                    { 54, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Fines", "fines", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("c7a3f851-21f1-50b3-8769-ebab52028c7c") },
                    { 55, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Loans & interests", "loans_interests", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("a01da92c-8c9b-5411-9a2b-931c7c57264a") },
                    { 56, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Taxes", "taxes", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("9daf8fe2-763e-57fa-ac6d-068389dad7d2") },
                    { 57, 8, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Taxes & commissions", "taxes_commissions", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("1b33510c-a719-5129-93b7-0524f5b78ddf") },
                    { 58, 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Real estate", "real_estate", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("25eba949-9a39-5ddf-9a34-d25c4d308b2a") },
                    { 59, 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Movable property", "movable_property", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7ac573d1-949f-5d02-b328-8d010981e3dc") },
                    { 60, 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Financial investments", "financial_investments", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("02d7d37a-330f-5e81-ad17-aa7f599c6c10") },
                    { 61, 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Collections", "collections", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("2ed543b2-e758-5f78-a9ef-263232c81bd6") },
                    { 62, 9, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Savings", "savings", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7e49ff64-7b59-515c-807b-f97ad6046f4f") },
                    { 63, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Checks", "checks", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("c67a55a1-0833-58af-9ce6-95dddefa7618") },
                    { 64, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Coupons", "coupons", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b527d24c-e760-5ed0-801f-45c31a8c3689") },
                    { 65, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Family allowance", "family_allowance", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8fd9f556-b49f-53e2-984d-b75d9972b530") },
                    { 66, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Rental income", "rental_income", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("7aa06e78-7efd-59b7-a533-e08b9c72acd0") },
                    { 67, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Interest & dividends", "interest_dividends", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("54e4d658-c021-577c-b4dd-072f09c45f3b") },
                    { 68, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Lotteries & gambling", "lotteries_gambling", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("2f3d53e6-5dda-5d19-a0b3-6454c5f64194") },
                    { 69, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Loans & rentals", "loans_rentals", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b8eb39f8-cd70-5240-87a5-0fec1e9fcc5a") },
                    { 70, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Quotas & grants", "quotas_grants", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("d69383a9-e628-5d82-ac3f-3b1f7f9e1af6") },
                    { 71, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Gifts", "gifts", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("170d5855-749d-52fd-8707-56d0136f8b41") },
                    { 72, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Refunds (taxes, purchases)", "refunds_taxes_purchases", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("b895d34c-c7e9-583e-89d3-d0be958ce899") },
                    { 73, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Salary", "salary", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("739fdcbc-927e-5943-85eb-658859ce10b5") },
                    { 74, 10, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Sales", "sales", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("104ea29c-3329-5705-8eb0-946735657350") },
                    { 75, 11, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Other", "other", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("8e53a37c-aa00-508f-8045-950e71db7f47") },
                    { 76, 11, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), true, "Transfer", "transfer", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("fe46e52d-1b53-54f9-8b28-f01b2cb5817d") }
                });

            migrationBuilder.CreateIndex(
                name: "ix_budgets_uuid",
                table: "budgets",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budgets_workspace_id",
                table: "budgets",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_currencies_label",
                table: "currencies",
                column: "label",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entries_category_id",
                table: "entries",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_currency_id",
                table: "entries",
                column: "currency_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_goal_id",
                table: "entries",
                column: "goal_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_payee_id",
                table: "entries",
                column: "payee_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_payment_type_id",
                table: "entries",
                column: "payment_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_transfer_wallet_id",
                table: "entries",
                column: "transfer_wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_uuid",
                table: "entries",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entries_wallet_id",
                table: "entries",
                column: "wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id",
                table: "entries",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_workspace_id_date_time",
                table: "entries",
                columns: new[] { "workspace_id", "date_time" });

            migrationBuilder.CreateIndex(
                name: "ix_entry_labels_label_id",
                table: "entry_labels",
                column: "label_id");

            migrationBuilder.CreateIndex(
                name: "ix_goals_uuid",
                table: "goals",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_goals_workspace_id",
                table: "goals",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_labels_uuid",
                table: "labels",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_labels_workspace_id",
                table: "labels",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_labels_model_id",
                table: "model_labels",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_category_id",
                table: "models",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_currency_id",
                table: "models",
                column: "currency_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_payee_id",
                table: "models",
                column: "payee_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_payment_type_id",
                table: "models",
                column: "payment_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_uuid",
                table: "models",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_models_wallet_id",
                table: "models",
                column: "wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_models_workspace_id",
                table: "models",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_applications_client_id",
                table: "OpenIddictApplications",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_authorizations_application_id_status_subject_type",
                table: "OpenIddictAuthorizations",
                columns: new[] { "application_id", "status", "subject", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_scopes_name",
                table: "OpenIddictScopes",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_tokens_application_id_status_subject_type",
                table: "OpenIddictTokens",
                columns: new[] { "application_id", "status", "subject", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_tokens_authorization_id",
                table: "OpenIddictTokens",
                column: "authorization_id");

            migrationBuilder.CreateIndex(
                name: "ix_open_iddict_tokens_reference_id",
                table: "OpenIddictTokens",
                column: "reference_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payees_uuid",
                table: "payees",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payees_workspace_id",
                table: "payees",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_category_id",
                table: "planned_entries",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_currency_id",
                table: "planned_entries",
                column: "currency_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_goal_id",
                table: "planned_entries",
                column: "goal_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_payee_id",
                table: "planned_entries",
                column: "payee_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_payment_type_id",
                table: "planned_entries",
                column: "payment_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_transfer_wallet_id",
                table: "planned_entries",
                column: "transfer_wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_uuid",
                table: "planned_entries",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_wallet_id",
                table: "planned_entries",
                column: "wallet_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entries_workspace_id",
                table: "planned_entries",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_entry_labels_planned_entry_id",
                table: "planned_entry_labels",
                column: "planned_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sub_categories_category_id",
                table: "sub_categories",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_uuid",
                table: "users",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_users_normalized_email",
                table: "users",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wallets_currency_id",
                table: "wallets",
                column: "currency_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallets_payment_account_id",
                table: "wallets",
                column: "payment_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallets_uuid",
                table: "wallets",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wallets_workspace_id",
                table: "wallets",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_members_user_id",
                table: "workspace_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_settings_currency_id",
                table: "workspace_settings",
                column: "currency_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_settings_payment_type_id",
                table: "workspace_settings",
                column: "payment_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_settings_uuid",
                table: "workspace_settings",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workspace_settings_workspace_id",
                table: "workspace_settings",
                column: "workspace_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workspaces_owner_id",
                table: "workspaces",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspaces_uuid",
                table: "workspaces",
                column: "uuid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropTable(
                name: "entry_labels");

            migrationBuilder.DropTable(
                name: "model_labels");

            migrationBuilder.DropTable(
                name: "OpenIddictScopes");

            migrationBuilder.DropTable(
                name: "OpenIddictTokens");

            migrationBuilder.DropTable(
                name: "planned_entry_labels");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "workspace_members");

            migrationBuilder.DropTable(
                name: "workspace_settings");

            migrationBuilder.DropTable(
                name: "entries");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "OpenIddictAuthorizations");

            migrationBuilder.DropTable(
                name: "labels");

            migrationBuilder.DropTable(
                name: "planned_entries");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "OpenIddictApplications");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "payees");

            migrationBuilder.DropTable(
                name: "payment_types");

            migrationBuilder.DropTable(
                name: "sub_categories");

            migrationBuilder.DropTable(
                name: "wallets");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "currencies");

            migrationBuilder.DropTable(
                name: "workspaces");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
