using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterRelativeNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FatherFolded",
                table: "register_entries",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MotherFolded",
                table: "register_entries",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpouseFolded",
                table: "register_entries",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries",
                columns: new[] { "FatherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries",
                columns: new[] { "MotherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries",
                columns: new[] { "SpouseFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookU~",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "FatherFolded",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "MotherFolded",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "SpouseFolded",
                table: "register_entries");
        }
    }
}
