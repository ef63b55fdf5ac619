using MotCua.Browser.Tests.Infrastructure;

namespace MotCua.Browser.Tests;

/// <summary>
/// Opens the main pages as each kind of user at 1280 px and 360 px, checks each loads without an error, stays under 300 KB
/// (HTML and everything it loads), references nothing outside the site and does not scroll sideways on a phone, and saves a
/// screenshot: into $MOTCUA_SCREENSHOT_DIR (scripts/screenshots.sh points it at docs/screenshots) or a temp folder.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public class ScreenshotTests(BrowserApp app)
{
    private const long MaxPageBytes = 300 * 1024;

    private static string Folder => Environment.GetEnvironmentVariable("MOTCUA_SCREENSHOT_DIR") is { Length: > 0 } dir
        ? dir : Path.Combine(Path.GetTempPath(), "motcua-screenshots");

    /// <summary>
    /// The public pages always (cheap: CI checks their weight and phone width on every run); the signed-in pages too when
    /// screenshots are being refreshed (scripts/screenshots.sh), since each needs its own browser and sign-in.
    /// </summary>
    public static TheoryData<string, string?, string> Pages
    {
        get
        {
            var all = AllPages;
            var refreshing = Environment.GetEnvironmentVariable("MOTCUA_SCREENSHOT_DIR") is { Length: > 0 };
            var data = new TheoryData<string, string?, string>();
            foreach (var row in all)
                if (refreshing || row[1] is null) data.Add((string)row[0], (string?)row[1], (string)row[2]);
            return data;
        }
    }

    private static TheoryData<string, string?, string> AllPages => new()
    {
        { "home", null, "/" },
        { "catalog", null, "/thu-tuc?q=dang ky khai sinh" },
        { "procedure", null, "/thu-tuc/1.001193" },
        { "tracking", null, "/tra-cuu" },
        { "sign-in", null, "/dang-nhap" },
        { "my-dossiers", "citizen", "/ho-so-cua-toi" },
        { "online-submission", "citizen", "/nop-ho-so/1.001193" },
        { "counter-intake", "officer", "/tiep-nhan" },
        { "work-queue", "officer", "/cong-viec" },
        { "approval", "leader", "/phe-duyet" },
        { "admin", "admin", "/quan-tri" },
        { "admin-catalog", "admin", "/quan-tri/thu-tuc" },
        { "admin-calendar", "admin", "/quan-tri/lich/2026" },
        { "admin-units", "admin", "/quan-tri/don-vi" },
        { "admin-accounts", "admin", "/quan-tri/tai-khoan" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Main_page_is_light_self_contained_and_fits_a_phone(string name, string? user, string path)
    {
        foreach (var width in new[] { 1280, 360 })
        {
            using var browser = app.OpenBrowser(width, width == 360 ? 780 : 900);
            if (user is not null) browser.SignIn(user);
            browser.Open(path);
            if (user is not null) Assert.DoesNotContain("/dang-nhap", browser.Url); // signed in, not sent back to sign in
            Assert.False(string.IsNullOrWhiteSpace(browser.Find("main h1").Text), $"{path} has no heading");
            Assert.Equal("vi", browser.Find("html").GetAttribute("lang"));

            var bytes = Convert.ToInt64(browser.Driver.ExecuteScript(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))" +
                ".reduce((s, e) => s + (e.decodedBodySize || 0), 0);"));
            Assert.True(bytes < MaxPageBytes, $"{path} weighs {bytes} bytes");
            var outside = (browser.Driver.ExecuteScript(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));")
                as IEnumerable<object> ?? []).ToList();
            Assert.True(outside.Count == 0, $"{path} loads from outside: {string.Join(", ", outside)}");
            if (width == 360)
            {
                var scroll = Convert.ToInt32(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth;"));
                Assert.True(scroll <= 360, $"{path} is {scroll}px wide on a 360px screen");
            }
            browser.Screenshot(Path.Combine(Folder, $"{name}-{width}.png"));
        }
    }
}
