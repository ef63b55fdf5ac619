using System.Data.Common;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data;
using MotCua.Data.Protection;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Citizen ID numbers, form data and outbox bodies are stored encrypted: the raw database (on SQLite, the file itself)
/// holds no plain ID number; the API still shows them to those who may see them; a person's dossiers are found by the
/// keyed hash; uploaded documents' content is stored encrypted too; rows written before encryption are encrypted by the
/// start-up backfill.
/// </summary>
public abstract class PersonalDataAtRestTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task No_plain_id_number_reaches_the_database_and_the_api_still_shows_it()
    {
        var applicantId = $"0911950{Random.Shared.Next(0, 99999):00000}";
        var formId = $"0910950{Random.Shared.Next(0, 99999):00000}";
        var body = await IntakeBodyAsync(MaritalStatus, applicant: Applicant(id: applicantId));
        var form = body["formData"]!.AsObject();
        foreach (var key in form.Select(p => p.Key).ToList())
            if (form[key]?.ToString() == "091095001234") form[key] = formId;
        body["applicant"]!["dateOfBirth"] = "1995-05-12";
        using var officer = await App.ClientAsync("officer");
        var created = await officer.PostAsJsonAsync("/api/v1/dossiers", body);
        await ExpectAsync(created, System.Net.HttpStatusCode.Created);
        var code = Code((await created.Content.ReadFromJsonAsync<JsonObject>())!);

        var shown = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{code}"))!;
        Assert.Equal(applicantId, shown["applicant"]!["idNumber"]!.GetValue<string>());

        var (idColumn, formColumn) = RawDossierColumns(code);
        Assert.StartsWith(PersonalDataCipher.Prefix, idColumn);
        Assert.StartsWith(PersonalDataCipher.Prefix, formColumn);
        Assert.DoesNotContain(applicantId, idColumn + formColumn);
        Assert.All(RawOutboxPayloads(code), p => Assert.StartsWith(PersonalDataCipher.Prefix, p));
        if (App.Provider == "Sqlite")
        {
            var raw = SqliteFileBytes();
            Assert.False(Contains(raw, applicantId), "the SQLite file holds the applicant's ID number in clear");
            Assert.False(Contains(raw, formId), "the SQLite file holds the form's ID number in clear");
        }

        Assert.Equal([code], App.WithDb(db => db.DossiersOfIdNumber(applicantId).Select(d => d.Code).ToList()));
        // Staff find the person's dossiers by the ID number (posted search); another unit's officer does not.
        var found = (await (await officer.PostAsJsonAsync("/api/v1/dossiers/search", new { idNumber = applicantId })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal([code], found["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        using var other = await App.ClientAsync("officer2");
        var none = (await (await other.PostAsJsonAsync("/api/v1/dossiers/search", new { idNumber = applicantId })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, none["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rows_written_before_encryption_are_encrypted_by_the_backfill()
    {
        var d = await ReceiveAsync(MaritalStatus, applicant: Applicant(id: "091195004321"));
        var code = Code(d);
        Execute($"UPDATE dossiers SET applicant_id_number = '091195004321', \"FormDataJson\" = '{{\"note\":\"cũ\"}}', applicant_id_hash = NULL WHERE \"Code\" = '{code}'");
        Assert.Equal("091195004321", RawDossierColumns(code).Id);

        int done;
        await using (var scope = App.Services.CreateAsyncScope())
            done = await PersonalDataBackfill.RunAsync(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>());
        Assert.True(done >= 1);
        var (idColumn, formColumn) = RawDossierColumns(code);
        Assert.StartsWith(PersonalDataCipher.Prefix, idColumn);
        Assert.StartsWith(PersonalDataCipher.Prefix, formColumn);
        using var officer = await App.ClientAsync("officer");
        var shown = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{code}"))!;
        Assert.Equal("091195004321", shown["applicant"]!["idNumber"]!.GetValue<string>());
        Assert.Contains(code, App.WithDb(db => db.DossiersOfIdNumber("091195004321").Select(x => x.Code).ToList()));
    }

    /// <summary>A small PDF whose text holds <paramref name="marker"/>.</summary>
    private static byte[] PdfWith(string marker) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {marker} CCCD 091095001234\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private async Task<(string Code, long Id)> UploadAsync(byte[] content)
    {
        var code = Code(await ReceiveAsync(MaritalStatus));
        using var officer = await App.ClientAsync("officer");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", "can-cuoc.pdf" } };
        var uploaded = await officer.PostAsync($"/api/v1/dossiers/{code}/documents", form);
        await ExpectAsync(uploaded, System.Net.HttpStatusCode.Created);
        return (code, (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
    }

    private async Task<byte[]> DownloadAsync(string code, long id)
    {
        using var officer = await App.ClientAsync("officer");
        return await officer.GetByteArrayAsync($"/api/v1/dossiers/{code}/documents/{id}");
    }

    private (byte[] Bytes, bool Encrypted) RawContent(long id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Bytes\", encrypted FROM dossier_document_contents WHERE \"DossierDocumentId\" = {id}";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return ((byte[])reader.GetValue(0), reader.GetBoolean(1));
    }

    [Fact]
    public async Task Uploaded_content_is_stored_encrypted_and_downloads_as_uploaded()
    {
        var marker = "MARKER-" + Guid.NewGuid().ToString("N");
        var pdf = PdfWith(marker);
        var (code, id) = await UploadAsync(pdf);

        var (raw, encrypted) = RawContent(id);
        Assert.True(encrypted);
        Assert.True(PersonalDataCipher.IsProtected(raw));
        Assert.False(Contains(raw, marker), "the stored content holds the file's text in clear");
        Assert.False(Contains(raw, "%PDF"), "the stored content is the plain PDF");
        if (App.Provider == "Sqlite")
            Assert.False(Contains(SqliteFileBytes(), marker), "the SQLite file holds the uploaded file's text in clear");
        Assert.Equal(pdf, await DownloadAsync(code, id));
        // The page's file link serves the same bytes.
        using var page = await PageSession.SignedInAsync(App, "officer");
        Assert.Equal(pdf, await page.GetByteArrayAsync($"/ho-so/{code}/giay-to/{id}"));
    }

    [Fact]
    public async Task Content_stored_before_encryption_is_read_as_it_is_and_encrypted_by_the_backfill()
    {
        var marker = "MARKER-" + Guid.NewGuid().ToString("N");
        var pdf = PdfWith(marker);
        var (code, id) = await UploadAsync(pdf);
        // As a row of before: the plain bytes, not marked.
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"UPDATE dossier_document_contents SET \"Bytes\" = @bytes, encrypted = @no WHERE \"DossierDocumentId\" = {id}";
            var bytes = command.CreateParameter();
            bytes.ParameterName = "@bytes";
            bytes.Value = pdf;
            command.Parameters.Add(bytes);
            var no = command.CreateParameter();
            no.ParameterName = "@no";
            no.Value = false;
            command.Parameters.Add(no);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        Assert.True(Contains(RawContent(id).Bytes, marker));
        Assert.Equal(pdf, await DownloadAsync(code, id));

        int done;
        await using (var scope = App.Services.CreateAsyncScope())
            done = await PersonalDataBackfill.RunAsync(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>());
        Assert.True(done >= 1);
        var (raw, encrypted) = RawContent(id);
        Assert.True(encrypted);
        Assert.True(PersonalDataCipher.IsProtected(raw));
        Assert.False(Contains(raw, marker));
        Assert.Equal(pdf, await DownloadAsync(code, id));
        // Nothing left: a second pass does nothing to documents.
        await using (var scope = App.Services.CreateAsyncScope())
            Assert.Equal(0, await PersonalDataBackfill.RunAsync(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>()));
    }

    private DbConnection Open()
    {
        DbConnection connection = App.Provider == "Sqlite" ? new SqliteConnection(App.ConnectionString) : new NpgsqlConnection(App.ConnectionString);
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private (string Id, string Form) RawDossierColumns(string code)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT applicant_id_number, \"FormDataJson\" FROM dossiers WHERE \"Code\" = '{code}'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetString(1));
    }

    private List<string> RawOutboxPayloads(string code)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"PayloadJson\" FROM outbox_messages WHERE \"DossierCode\" = '{code}'";
        using var reader = command.ExecuteReader();
        var payloads = new List<string>();
        while (reader.Read()) payloads.Add(reader.GetString(0));
        return payloads;
    }

    /// <summary>The database file and its write-ahead log, as bytes, after a checkpoint.</summary>
    private byte[] SqliteFileBytes()
    {
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        var file = new SqliteConnectionStringBuilder(App.ConnectionString).DataSource;
        using var all = new MemoryStream();
        foreach (var path in new[] { file, file + "-wal" })
            if (File.Exists(path))
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) stream.CopyTo(all);
        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}

[Collection(SqliteCollection.Name)] public sealed class PersonalDataAtRestTests_Sqlite(SqliteApp app) : PersonalDataAtRestTests(app);
[Collection(PostgresCollection.Name)] public sealed class PersonalDataAtRestTests_Postgres(PostgresApp app) : PersonalDataAtRestTests(app);
