using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Core.Catalog;
using MotCua.Data.Entities;
using MotCua.Data.Protection;
using MotCua.Web.Accounts;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

namespace MotCua.Web.Tests.Accounts;

/// <summary>
/// The host with citizen sign-in configured against the local OpenIddict e-ID provider, which runs in a host of its own
/// on a loopback port (<see cref="EidDemoProvider"/>): the app's OpenID Connect handler fetches its metadata and keys and
/// exchanges the code over real HTTP, as it would with the national e-ID.
/// </summary>
public abstract class EidApp : MotCuaApp
{
    public const string ClientId = "motcua-test";
    public const string ClientSecret = "motcua-test-secret";
    private WebApplication? _provider;

    /// <summary>The provider's address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string ProviderUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        // The test server answers as http://localhost.
        _provider = EidDemoProvider.Build(["--urls", "http://127.0.0.1:0", $"--{EidDemoProvider.Section}:ClientId={ClientId}",
            $"--{EidDemoProvider.Section}:ClientSecret={ClientSecret}", $"--{EidDemoProvider.Section}:RedirectUris=http://localhost{EidSignIn.CallbackPath}"]);
        await _provider.StartAsync();
        ProviderUrl = _provider.Urls.First();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider is not null) await _provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Oidc:Authority", ProviderUrl + "/");
        builder.UseSetting("Authentication:Oidc:ClientId", ClientId);
        builder.UseSetting("Authentication:Oidc:ClientSecret", ClientSecret);
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
    }
}

public sealed class EidSqliteApp : EidApp
{
    public override string Provider => "Sqlite";
}

public sealed class EidPostgresApp : EidApp
{
    public override string Provider => "Postgres";
}

[CollectionDefinition(Name)]
public sealed class EidSqliteCollection : ICollectionFixture<EidSqliteApp>
{
    public const string Name = "eid-sqlite";
}

[CollectionDefinition(Name)]
public sealed class EidPostgresCollection : ICollectionFixture<EidPostgresApp>
{
    public const string Name = "eid-postgres";
}

/// <summary>
/// Citizen sign-in through the e-ID provider, end to end over HTTP: the sign-in page's button, the provider's page, the
/// code coming back, the account found or created and its level taken from <c>acr</c> at each sign-in; then the e-ID
/// level rule on the submission page.
/// </summary>
public abstract partial class EidSignInTests(EidApp app) : ApiTestBase(app)
{
    private static readonly HttpClient Provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    [Fact]
    public async Task A_person_signs_in_at_level_1_gets_a_citizen_account_and_at_level_2_the_same_account_is_raised()
    {
        var person = EidDemoProvider.People[0];
        using var browser = Browser();
        var home = await SignInThroughProviderAsync(browser, person.Subject, "1");
        Assert.Equal("/ho-so-cua-toi", home);

        var user = Account(person.Subject);
        Assert.NotNull(user);
        Assert.Equal(1, user.EidLevel);
        Assert.Equal(person.Name, user.FullName);
        Assert.Equal(person.IdNumber, user.IdNumber);
        Assert.Equal(person.Phone, user.PhoneNumber);
        Assert.Null(user.PasswordHash);
        Assert.Equal([Roles.Citizen], Roles_(user));
        // The ID number is stored encrypted, like a dossier's.
        var raw = RawIdNumber(user.Id);
        Assert.StartsWith(PersonalDataCipher.Prefix, raw);
        Assert.DoesNotContain(person.IdNumber, raw);

        // Signed in with the normal cookie: the citizen's own pages answer, for this account.
        var mine = await browser.GetAsync("/ho-so-cua-toi");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(user.UserName!, await mine.Content.ReadAsStringAsync());

        // Level 1 is not enough for a level-2 procedure: the submission page says where to go instead, no form.
        var submit = await (await browser.GetAsync($"/nop-ho-so/{BirthRegistration}")).Content.ReadAsStringAsync();
        Assert.Contains("mức 2", submit);
        Assert.Contains("Bộ phận Một cửa", submit);
        Assert.Contains("tình nguyện viên tổ công nghệ số cộng đồng", submit);
        Assert.Contains("đăng nhập lại bằng định danh điện tử", submit);
        Assert.DoesNotContain("name=\"applicant.fullName\"", submit);
        // ... and which papers to bring to the counter.
        var procedure = (await browser.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/procedures/{BirthRegistration}"))!;
        foreach (var document in procedure["requiredDocuments"]!.AsArray())
            Assert.Contains(document!["name"]!.GetValue<string>(), WebUtility.HtmlDecode(submit));

        // Next sign-in at level 2, in a fresh browser: the same account (linked by the subject), raised to level 2.
        using var again = Browser();
        await SignInThroughProviderAsync(again, person.Subject, "2");
        var raised = Account(person.Subject)!;
        Assert.Equal(user.Id, raised.Id);
        Assert.Equal(2, raised.EidLevel);
        Assert.Equal(1, App.WithDb(db => db.UserLogins.Count(l => l.LoginProvider == EidSignIn.Scheme && l.ProviderKey == person.Subject)));
        var form = await (await again.GetAsync($"/nop-ho-so/{BirthRegistration}")).Content.ReadAsStringAsync();
        Assert.Contains("name=\"applicant.fullName\"", form);

        // And back down: the level follows the provider at each sign-in.
        using var third = Browser();
        await SignInThroughProviderAsync(third, person.Subject, "1");
        Assert.Equal(1, Account(person.Subject)!.EidLevel);
    }

    [Fact]
    public async Task Another_person_gets_another_account_and_the_return_address_is_kept()
    {
        var person = EidDemoProvider.People[1];
        using var browser = Browser();
        var landing = await SignInThroughProviderAsync(browser, person.Subject, "2", returnUrl: $"/nop-ho-so/{BirthRegistration}");
        Assert.Equal($"/nop-ho-so/{BirthRegistration}", landing);
        var user = Account(person.Subject)!;
        Assert.Equal(2, user.EidLevel);
        Assert.NotEqual(Account(EidDemoProvider.People[0].Subject)?.Id, user.Id);
    }

    [Fact]
    public async Task The_button_shows_and_needs_the_anti_forgery_token_and_a_forged_callback_signs_nobody_in()
    {
        using var browser = Browser();
        var signInPage = await browser.GetAsync("/dang-nhap");
        var page = await signInPage.Content.ReadAsStringAsync();
        Assert.Contains("Đăng nhập bằng định danh điện tử", page);
        // The button's post is redirected to the provider: the policy lets forms go there, and nowhere else.
        Assert.Contains($"form-action 'self' {app.ProviderUrl};", signInPage.Headers.GetValues("Content-Security-Policy").Single());
        var noToken = await browser.PostAsync(EidSignIn.StartPath, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        // A code and state that this browser did not start: refused, back to the sign-in page with a message.
        var forged = await browser.GetAsync($"{EidSignIn.CallbackPath}?code=abc&state=xyz");
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/dang-nhap?eid=loi", forged.Headers.Location!.OriginalString);
        var shown = await (await browser.GetAsync("/dang-nhap?eid=loi")).Content.ReadAsStringAsync();
        Assert.Contains("Không đăng nhập được bằng định danh điện tử", shown);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(EidSignIn.DonePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/ho-so-cua-toi")).StatusCode);
    }

    [Fact]
    public async Task The_provider_refuses_an_unknown_client_and_a_request_without_pkce()
    {
        var unknown = await Provider.GetAsync($"{app.ProviderUrl}/connect/authorize?client_id=nobody&response_type=code&scope=openid" +
            $"&redirect_uri={Uri.EscapeDataString("http://localhost" + EidSignIn.CallbackPath)}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var noPkce = await Provider.GetAsync($"{app.ProviderUrl}/connect/authorize?client_id={EidApp.ClientId}&response_type=code&scope=openid" +
            $"&redirect_uri={Uri.EscapeDataString("http://localhost" + EidSignIn.CallbackPath)}&state=s");
        // No page to pick a person and no code: the provider answers with the error itself.
        Assert.Equal(HttpStatusCode.BadRequest, noPkce.StatusCode);
        Assert.Null(noPkce.Headers.Location);
        Assert.DoesNotContain("EidDemo", await noPkce.Content.ReadAsStringAsync());
    }

    /// <summary>A browser of the app: cookies kept, redirects not followed (the test follows them, across both hosts).</summary>
    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The whole journey; returns where the app sends the signed-in citizen.</summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient browser, string subject, string level, string? returnUrl = null)
    {
        var signInPage = await (await browser.GetAsync("/dang-nhap")).Content.ReadAsStringAsync();
        var token = PageForms.Antiforgery(signInPage);
        Assert.NotEmpty(token);
        var start = await browser.PostAsync(EidSignIn.StartPath, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("ReturnUrl", returnUrl ?? "")]));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(app.ProviderUrl + "/connect/authorize", authorize.AbsoluteUri);
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        Assert.Contains("response_type=code", authorize.Query);

        // The provider's page: pick the person and the level, posting back every parameter of the request.
        var page = await Provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        fields.Add(new("person", subject));
        fields.Add(new("level", level));
        var chosen = await Provider.PostAsync(app.ProviderUrl + "/connect/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var callback = chosen.Headers.Location!;
        Assert.Equal(EidSignIn.CallbackPath, callback.AbsolutePath);
        Assert.Contains("code=", callback.Query);

        // Back at the app: the handler redeems the code at the provider, then Identity finishes the sign-in.
        var redeemed = await browser.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.StartsWith(EidSignIn.DonePath, redeemed.Headers.Location!.OriginalString);
        var done = await browser.GetAsync(redeemed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return done.Headers.Location!.OriginalString;
    }

    private AppUser? Account(string subject) => App.WithDb(db =>
        db.Users.AsNoTracking().SingleOrDefault(u => db.UserLogins.Any(l => l.UserId == u.Id && l.LoginProvider == EidSignIn.Scheme && l.ProviderKey == subject)));

    private List<string> Roles_(AppUser user) => App.WithDb(db =>
        db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList());

    private string RawIdNumber(string userId)
    {
        using DbConnection connection = App.Provider == "Sqlite" ? new SqliteConnection(App.ConnectionString) : new NpgsqlConnection(App.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"IdNumber\" FROM \"AspNetUsers\" WHERE \"Id\" = @id";
        var p = command.CreateParameter();
        p.ParameterName = "id";
        p.Value = userId;
        command.Parameters.Add(p);
        return (string)command.ExecuteScalar()!;
    }


    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}

[Collection(EidSqliteCollection.Name)] public sealed class EidSignInTests_Sqlite(EidSqliteApp app) : EidSignInTests(app);
[Collection(EidPostgresCollection.Name)] public sealed class EidSignInTests_Postgres(EidPostgresApp app) : EidSignInTests(app);
