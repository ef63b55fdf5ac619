using MotCua.Browser.Tests.Infrastructure;

namespace MotCua.Browser.Tests;

/// <summary>The figures page: a commune's officer sees their unit, the province administrator the province and its units.</summary>
[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserApp app)
{
    [Fact]
    public void An_officer_sees_the_figures_of_the_unit_and_follows_a_number_to_the_dossiers_behind_it()
    {
        using var browser = app.OpenBrowser();
        browser.SignIn("officer");
        browser.Open("/");
        browser.Press("Thống kê");
        Assert.Equal("Thống kê kết quả giải quyết", browser.Text("main h1"));
        Assert.Contains("Phường Thới Sơn", browser.Text("#dashboard-scope"));
        var figures = browser.Text("#figures");
        Assert.Contains("Tiếp nhận", figures);
        Assert.Contains("Chỉ số phục vụ", figures);
        Assert.Matches(@"\d", browser.Text("#service-index"));
        Assert.NotNull(browser.Find("#trend-chart"));
        Assert.DoesNotContain("by-unit", browser.Driver.PageSource); // one unit: no table of units

        Assert.NotNull(browser.Find("#channel-chart"));
        Assert.Matches(@"(Trực tuyến|Trực tiếp tại quầy|Qua bưu chính): \d+", browser.Text("#channel-legend"));
        Assert.Contains("Thủ tục", browser.Text("#by-procedure"));
        Assert.Contains("Lĩnh vực", browser.Text("#by-field"));

        // The export links work with the page's cookie (the API takes bearer tokens only).
        var csv = browser.Find("#export-csv").GetAttribute("href")!;
        Assert.Contains("/thong-ke/bao-cao.csv?unit=", csv);
        var body = (string?)((OpenQA.Selenium.IJavaScriptExecutor)browser.Driver).ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('error ' + e));",
            csv);
        Assert.StartsWith("200 ", body ?? "");
        Assert.Contains("procedureCode,procedureName,received", body);
        Assert.Contains("/thong-ke/bao-cao.xlsx?unit=", browser.Find("#export-xlsx").GetAttribute("href"));

        // Every number leads to the dossiers behind it: the queue lists as many as the figure says.
        var received = browser.Find("#figures dd a");
        var count = int.Parse(received.Text);
        Assert.True(count > 0, "the demo dossiers of this month are counted");
        received.Click();
        browser.Wait().Until(d => d.Url.Contains("/cong-viec", StringComparison.Ordinal));
        Assert.Contains("view=unit", browser.Url);
        Assert.Contains("receivedFrom=", browser.Url);
        Assert.Contains("Đang lọc theo số liệu thống kê", browser.Text("#drill-down"));
        Assert.Equal($"{count} hồ sơ", browser.Text("p[role=status]"));
    }

    [Fact]
    public void The_province_admin_sees_the_units_and_a_wrong_date_is_told()
    {
        using var browser = app.OpenBrowser();
        browser.SignIn("admin");
        browser.Open("/thong-ke");
        Assert.Contains("An Giang", browser.Text("#dashboard-scope"));
        Assert.Contains("Phường Thới Sơn", browser.Text("#by-unit"));
        Assert.Contains("Phường Thới Sơn", browser.Text("#ranking"));
        Assert.Equal("1", browser.Find("#ranking tbody tr td").Text);
        Assert.Contains("/thong-ke/bao-cao.xlsx?province=", browser.Find("#export-xlsx").GetAttribute("href"));

        browser.Open("/thong-ke?tu=ngay-sai");
        Assert.False(string.IsNullOrWhiteSpace(browser.Text("#dashboard-error")));
    }
}
