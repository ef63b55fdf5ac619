using MotCua.Browser.Tests.Infrastructure;

namespace MotCua.Browser.Tests;

/// <summary>
/// Opens the main pages as each kind of user at 1280 px and 360 px, checks each loads without an error, stays under 300 KB
/// (HTML and everything it loads), references nothing outside the site, does not scroll sideways on a phone, labels every
/// field and shows where the keyboard focus is, and saves a screenshot: into $MOTCUA_SCREENSHOT_DIR
/// (scripts/screenshots.sh points it at docs/screenshots) or a temp folder.
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
        { "counter-intake", "officer", "/tiep-nhan?procedure=1.004873" },
        { "work-queue", "officer", "/cong-viec" },
        { "receipt", "officer", "/ho-so/{unit-dossier}/bien-nhan" },
        { "dossier", "officer", "/ho-so/{unit-dossier}" },
        { "my-dossier", "citizen", "/ho-so-cua-toi/{own-dossier}" },
        { "approval", "leader", "/phe-duyet" },
        { "dashboard", "officer", "/thong-ke" },
        { "dashboard-province", "admin", "/thong-ke" },
        { "admin", "admin", "/quan-tri" },
        { "admin-catalog", "admin", "/quan-tri/thu-tuc" },
        { "admin-procedure", "admin", "/quan-tri/thu-tuc/1.001193" },
        { "admin-calendar", "admin", "/quan-tri/lich/2026" },
        { "admin-units", "admin", "/quan-tri/don-vi" },
        { "admin-unit", "admin", "/quan-tri/don-vi/30502" },
        { "admin-accounts", "admin", "/quan-tri/tai-khoan" },
        { "admin-outbox", "admin", "/quan-tri/dong-bo" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Main_page_is_light_self_contained_and_fits_a_phone(string name, string? user, string path)
    {
        path = await ResolveAsync(path);
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
            AssertEveryFieldHasALabel(browser);
            if (width == 1280) AssertTheKeyboardFocusIsVisible(browser);
            browser.Screenshot(Path.Combine(Folder, $"{name}-{width}.png"), maxHeight: 3000);
        }
    }

    /// <summary>A sample dossier of the demo data in place of {unit-dossier} (Thới Sơn's overdue one) or {own-dossier} (the citizen's).</summary>
    private async Task<string> ResolveAsync(string path)
    {
        foreach (var (token, user, query) in new[] { ("{unit-dossier}", "officer", "?q=" + Uri.EscapeDataString("Đỗ Văn Giang")), ("{own-dossier}", "citizen", "") })
        {
            if (!path.Contains(token, StringComparison.Ordinal)) continue;
            using var api = await Api.SignInAsync(app, user);
            var page = await api.GetJsonAsync("/api/v1/dossiers" + query);
            path = path.Replace(token, page.GetProperty("items")[0].GetProperty("code").GetString(), StringComparison.Ordinal);
        }
        return path;
    }

    /// <summary>Every input, select and textarea a user sees has a name for screen readers: a label, aria-label or aria-labelledby.</summary>
    private static void AssertEveryFieldHasALabel(Infrastructure.Browser browser)
    {
        var unlabelled = (browser.Driver.ExecuteScript("""
            return [...document.querySelectorAll('input, select, textarea')]
              .filter(e => !['hidden', 'submit', 'button', 'reset'].includes(e.type))
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
              .map(e => e.outerHTML.slice(0, 120));
            """) as IEnumerable<object> ?? []).ToList();
        Assert.True(unlabelled.Count == 0, $"{browser.Url}: fields without a label: {string.Join(" | ", unlabelled)}");
    }

    /// <summary>The first Tab lands on something (the skip link) that is drawn with a visible focus outline.</summary>
    private static void AssertTheKeyboardFocusIsVisible(Infrastructure.Browser browser)
    {
        browser.Driver.FindElement(OpenQA.Selenium.By.TagName("body")).SendKeys(OpenQA.Selenium.Keys.Tab);
        var outline = (string)browser.Driver.ExecuteScript(
            "const e = document.activeElement; if (!e || e === document.body) return 'nothing focused';" +
            "const s = getComputedStyle(e); return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'no outline on ' + e.outerHTML.slice(0, 80) : 'ok';")!;
        Assert.True(outline == "ok", $"{browser.Url}: {outline}");
        browser.Driver.ExecuteScript("document.activeElement && document.activeElement.blur();");
    }
}
