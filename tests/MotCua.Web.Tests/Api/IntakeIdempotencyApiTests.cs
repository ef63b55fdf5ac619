using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Dossiers;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// An intake sent with an idempotency key is made once: a repeat of the same request by the same account (the reply lost
/// after the commit, a retry, a form sent twice) gets the dossier the first one made, even when the repeats arrive at the
/// same moment; the key with another request is refused; keys belong to their account.
/// </summary>
public abstract class IntakeIdempotencyApiTests(MotCuaApp app) : ApiTestBase(app)
{
    private static HttpRequestMessage Post(JsonObject body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add(ReceiveDossier.IdempotencyKeyHeader, key);
        return request;
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReceiveDossier.ReplayedHeader, out var values) && values.Single() == "true";

    [Fact]
    public async Task A_repeat_with_the_same_key_gets_the_first_dossier_and_makes_no_second()
    {
        using var client = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync();
        var key = NewKey();
        var before = CountDossiers();
        using var first = await client.SendAsync(Post(body, key));
        await ExpectAsync(first, HttpStatusCode.Created);
        Assert.False(Replayed(first));
        var made = (await first.Content.ReadFromJsonAsync<JsonObject>())!;

        using var again = await client.SendAsync(Post(body, key));
        await ExpectAsync(again, HttpStatusCode.OK);
        Assert.True(Replayed(again));
        var answered = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Code(made), Code(answered));
        Assert.Equal(made["dueAt"]!.ToString(), answered["dueAt"]!.ToString());
        Assert.Equal(before + 1, CountDossiers());

        // Without a key, the same request is another dossier (the client did not ask for a repeat to be recognised).
        using var unkeyed = await client.SendAsync(Post(body, null));
        await ExpectAsync(unkeyed, HttpStatusCode.Created);
        Assert.Equal(before + 2, CountDossiers());
    }

    [Fact]
    public async Task Repeats_sent_at_the_same_moment_make_one_dossier()
    {
        var body = await IntakeBodyAsync(channel: "online", applicant: Applicant("Lê Thị Hồng"));
        var key = NewKey();
        var before = CountDossiers();
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => App.ClientAsync("citizen")));
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => clients[i % 3].SendAsync(Post(body, key))));
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)a.StatusCode}"));
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            var codes = await Task.WhenAll(answers.Select(async a => Code((await a.Content.ReadFromJsonAsync<JsonObject>())!)));
            Assert.Single(codes.Distinct());
            Assert.Equal(before + 1, CountDossiers());
            Assert.Equal(1, App.WithDb(db => db.IntakeKeys.Count(k => k.Key == key)));
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_and_keys_belong_to_their_account()
    {
        var key = NewKey();
        using var officer = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync();
        using var first = await officer.SendAsync(Post(body, key));
        await ExpectAsync(first, HttpStatusCode.Created);
        var before = CountDossiers();

        var other = await IntakeBodyAsync(applicant: Applicant("Phạm Minh Tuấn", "091095009999"));
        var problem = await ProblemAsync(await officer.SendAsync(Post(other, key)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("khóa", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, CountDossiers());

        // Another officer's key of the same text is a key of their own: a dossier of its own.
        using var officer2 = await App.ClientAsync("officer2");
        using var theirs = await officer2.SendAsync(Post(await IntakeBodyAsync(unit: MyHiep), key));
        await ExpectAsync(theirs, HttpStatusCode.Created);
        Assert.NotEqual(Code((await first.Content.ReadFromJsonAsync<JsonObject>())!), Code((await theirs.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(before + 1, CountDossiers());
    }

    [Fact]
    public async Task Keys_older_than_thirty_days_are_deleted_and_newer_ones_kept()
    {
        var (old, recent) = (NewKey(), NewKey());
        var now = App.Clock.GetUtcNow();
        App.WithDb(db =>
        {
            db.IntakeKeys.Add(new MotCua.Data.Entities.IntakeKey { UserName = "officer", Key = old, DossierCode = "X", RequestHash = "h", CreatedAt = now.AddDays(-31) });
            db.IntakeKeys.Add(new MotCua.Data.Entities.IntakeKey { UserName = "officer", Key = recent, DossierCode = "X", RequestHash = "h", CreatedAt = now.AddDays(-29) });
            return db.SaveChanges();
        });
        Assert.True(await App.Services.GetRequiredService<IntakeKeyExpiry>().RunAsync(CancellationToken.None) >= 1);
        Assert.Equal([recent], App.WithDb(db => db.IntakeKeys.Where(k => k.Key == old || k.Key == recent).Select(k => k.Key).ToList()));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("khóa")]
    public async Task A_malformed_key_is_a_validation_error_and_nothing_is_saved(string key)
    {
        using var client = await App.ClientAsync("officer");
        var before = CountDossiers();
        var problem = await ProblemAsync(await client.SendAsync(Post(await IntakeBodyAsync(), key)), HttpStatusCode.BadRequest);
        Assert.Equal(["idempotencyKey"], ErrorKeys(problem));
        using var tooLong = await client.SendAsync(Post(await IntakeBodyAsync(), new string('k', 101)));
        await ExpectAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal(before, CountDossiers());
    }
}

[Collection(SqliteCollection.Name)] public sealed class IntakeIdempotencyApiTests_Sqlite(SqliteApp app) : IntakeIdempotencyApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class IntakeIdempotencyApiTests_Postgres(PostgresApp app) : IntakeIdempotencyApiTests(app);
