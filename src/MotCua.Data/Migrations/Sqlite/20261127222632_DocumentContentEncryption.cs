using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentContentEncryption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "encrypted",
                table: "dossier_document_contents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_dossier_document_contents_plain",
                table: "dossier_document_contents",
                column: "DossierDocumentId",
                filter: "NOT encrypted");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossier_document_contents_plain",
                table: "dossier_document_contents");

            migrationBuilder.DropColumn(
                name: "encrypted",
                table: "dossier_document_contents");
        }
    }
}
