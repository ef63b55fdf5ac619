using System.Net;
using MotCua.Browser.Tests.Infrastructure;
using OpenQA.Selenium.Support.UI;

namespace MotCua.Browser.Tests;

/// <summary>The province administrator (admin, An Giang 91) keeps the calendar, the accounts, the reception points and the catalog.</summary>
[Collection(BrowserCollection.Name)]
public class AdminJourneyTests(BrowserApp app)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static DateOnly TodayInVietnam => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Vietnam).DateTime);

    [Fact]
    public async Task The_admin_adds_a_day_off_in_2027_and_the_calendar_api_has_it()
    {
        using var browser = app.OpenBrowser();
        browser.SignIn("admin");
        browser.Open("/quan-tri/lich/2027");
        Assert.Equal("Lịch làm việc năm 2027", browser.Text("h1"));

        SetDate(browser, "Ngày", new DateOnly(2027, 11, 19));
        browser.Select("Loại ngày", "Ngày nghỉ");
        browser.Press("Thêm ngày");
        browser.WaitForText("Đã thêm ngày và lưu lịch năm.");
        Assert.Contains("19/11/2027", browser.Text("#holidays"));

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Contains("\"2027-11-19\"", await http.GetStringAsync("/api/v1/calendar/2027"));

        // A swap working day must be a Saturday or Sunday: the message sits under the date, the date is kept.
        SetDate(browser, "Ngày", new DateOnly(2027, 11, 24));
        browser.Select("Loại ngày", "Ngày làm việc bù (thứ Bảy, Chủ nhật)");
        browser.Press("Thêm ngày");
        browser.WaitForText("không phải thứ Bảy hoặc Chủ nhật");
        var date = browser.Field("Ngày");
        Assert.Equal("true", date.GetAttribute("aria-invalid"));
        Assert.Contains("cal-date-error", date.GetAttribute("aria-describedby"));
        Assert.Equal("2027-11-24", date.GetAttribute("value"));
        Assert.DoesNotContain("\"2027-11-24\"", await http.GetStringAsync("/api/v1/calendar/2027"));
    }

    [Fact]
    public void The_admin_creates_an_officer_who_then_signs_in()
    {
        var userName = "canbo" + Guid.NewGuid().ToString("N")[..6];
        const string password = "CanBo-2025-AnGiang";
        using (var browser = app.OpenBrowser())
        {
            browser.SignIn("admin");
            browser.Open("/quan-tri/tai-khoan");
            FillById(browser, "ac-username", userName);
            FillById(browser, "ac-fullname", "Trần Thị Bích");
            browser.Select("Vai trò", "Cán bộ một cửa");
            var unit = new SelectElement(browser.Field("Đơn vị"));
            var otherUnit = unit.Options.Select(o => o.GetAttribute("value")).First(code => code is { Length: 5 } && code != "30502");
            unit.SelectByValue(otherUnit);
            FillById(browser, "ac-password", "ngan");
            browser.Press("Tạo tài khoản");

            // A short password is refused in place; what was typed (except the password) is kept.
            browser.WaitForText("Mật khẩu cần ít nhất 10 ký tự.");
            Assert.Equal("true", browser.Find("#ac-password").GetAttribute("aria-invalid"));
            Assert.Equal(userName, browser.Find("#ac-username").GetAttribute("value"));
            Assert.Equal("Trần Thị Bích", browser.Find("#ac-fullname").GetAttribute("value"));
            Assert.Equal(otherUnit, new SelectElement(browser.Field("Đơn vị")).SelectedOption.GetAttribute("value"));

            FillById(browser, "ac-password", password);
            browser.Press("Tạo tài khoản");
            browser.WaitForText($"Đã tạo tài khoản {userName}.");
            var row = browser.FindAll("#accounts tbody tr").Single(r => r.Text.Contains(userName, StringComparison.Ordinal));
            Assert.Contains("Cán bộ một cửa", row.Text);
            Assert.Contains("Đang hoạt động", row.Text);
        }

        using var officer = app.OpenBrowser();
        officer.SignIn(userName, password);
        Assert.EndsWith("/tiep-nhan", officer.Url); // an officer starts at the counter
        Assert.Contains(userName, officer.Find("form[action='/dang-xuat'] button").Text);
        Assert.False(string.IsNullOrWhiteSpace(officer.Text("h1")));
    }

    [Fact]
    public async Task The_admin_cancels_a_waiting_portal_message_and_sends_it_again()
    {
        // The browser host has no partner addresses: the receipt message waits in the outbox.
        using var officer = await Api.SignInAsync(app, "officer");
        var code = await officer.ReceiveAsync(Api.MaritalStatus, "counter", "Trương Văn Đồng Bộ", "091185004321",
            new { maritalStatus = "Chưa đăng ký kết hôn với ai", purpose = "Kết hôn", copies = 1 });

        using var browser = app.OpenBrowser();
        browser.SignIn("admin");
        browser.Open("/quan-tri");
        browser.Press("Đồng bộ với hệ thống khác");
        Assert.EndsWith("/quan-tri/dong-bo", browser.Url);
        Assert.Contains("Cổng Dịch vụ công quốc gia", browser.Text("#outbox-summary"));

        browser.Fill("Mã hồ sơ", code);
        browser.Press("Tìm kiếm");
        browser.WaitForText("1 bản tin");
        Assert.Contains("Chờ gửi", browser.Text("#outbox-messages tbody tr"));
        browser.Press("Hủy gửi");
        browser.WaitForText("Đã hủy bản tin; bản tin sẽ không được gửi.");
        Assert.Contains("Đã hủy", browser.Text("#outbox-messages tbody tr"));

        browser.Press("Gửi lại");
        browser.WaitForText("Đã đưa bản tin vào hàng đợi gửi lại.");
        Assert.Contains("Chờ gửi", browser.Text("#outbox-messages tbody tr"));
        Assert.Contains(code, browser.Text("#outbox-messages tbody tr"));
    }

    [Fact]
    public async Task The_admin_adds_a_reception_point_to_Thoi_Son_and_a_wrong_code_is_told_in_place()
    {
        using var browser = app.OpenBrowser();
        browser.SignIn("admin");
        browser.Open("/quan-tri/don-vi?q=thoi son");
        browser.Press("Phường Thới Sơn");
        Assert.EndsWith("/quan-tri/don-vi/30502", browser.Url);

        FillById(browser, "rp-code", "mã sai!");
        FillById(browser, "rp-name", "Điểm tiếp nhận Thới Sơn 3");
        FillById(browser, "rp-address", "Khóm Đông Thạnh, phường Thới Sơn");
        browser.Press("Thêm điểm tiếp nhận");
        browser.WaitForText("Mã điểm tiếp nhận gồm 3–64 ký tự chữ, số hoặc dấu gạch ngang.");
        Assert.Equal("true", browser.Find("#rp-code").GetAttribute("aria-invalid"));
        Assert.Equal("Điểm tiếp nhận Thới Sơn 3", browser.Find("#rp-name").GetAttribute("value"));
        Assert.Equal("Khóm Đông Thạnh, phường Thới Sơn", browser.Find("#rp-address").GetAttribute("value"));

        FillById(browser, "rp-code", "30502-TS3");
        browser.Press("Thêm điểm tiếp nhận");
        browser.WaitForText("Đã thêm điểm tiếp nhận.");
        var row = browser.FindAll("#points tbody tr").Single(r => r.Text.Contains("30502-TS3", StringComparison.Ordinal));
        Assert.Contains("Điểm tiếp nhận Thới Sơn 3", row.Text);
        Assert.Contains("Đang hoạt động", row.Text);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Contains("30502-TS3", await http.GetStringAsync("/api/v1/units/30502"));
    }

    [Fact]
    public async Task The_admin_creates_a_version_from_tomorrow_and_a_zero_processing_time_is_told_in_place()
    {
        const string code = "1.003197"; // Xóa đăng ký thường trú, 5 working days
        var tomorrow = TodayInVietnam.AddDays(1);
        using var browser = app.OpenBrowser();
        browser.SignIn("admin");
        browser.Open("/quan-tri/thu-tuc");
        browser.Press("Xóa đăng ký thường trú");
        Assert.EndsWith("/quan-tri/thu-tuc/" + code, browser.Url);
        Assert.Single(browser.FindAll("#versions tbody tr"));

        SetDate(browser, "Hiệu lực từ ngày", tomorrow);
        FillById(browser, "pv-legal", "Luật Cư trú số 68/2020/QH14; Nghị định 154/2024/NĐ-CP (bản sửa đổi)");
        browser.Fill("Thời hạn giải quyết", "0");
        browser.Press("Tạo phiên bản");
        browser.WaitForText("Thời hạn giải quyết phải lớn hơn 0 ngày làm việc.");
        Assert.Equal("true", browser.Find("#pv-days").GetAttribute("aria-invalid"));
        Assert.Contains("pv-days-error", browser.Find("#pv-days").GetAttribute("aria-describedby"));
        Assert.Equal("0", browser.Find("#pv-days").GetAttribute("value"));
        Assert.Equal(Iso(tomorrow), browser.Find("#pv-from").GetAttribute("value"));
        Assert.Equal("Luật Cư trú số 68/2020/QH14; Nghị định 154/2024/NĐ-CP (bản sửa đổi)", browser.Find("#pv-legal").GetAttribute("value"));
        Assert.Contains("Tiếp nhận | Officer | 0.5", browser.Find("#pv-steps").GetAttribute("value"));
        Assert.Single(browser.FindAll("#versions tbody tr"));

        browser.Fill("Thời hạn giải quyết", "6");
        browser.Press("Tạo phiên bản");
        browser.WaitForText($"Đã tạo phiên bản 2, có hiệu lực từ ngày {Day(tomorrow)}.");
        var rows = browser.FindAll("#versions tbody tr").Select(r => r.Text).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(Day(TodayInVietnam), rows[0]); // version 1 now ends today
        Assert.Contains(Day(tomorrow), rows[1]);
        Assert.Contains("6", rows[1]);

        // Today the first version still applies (dossiers received today keep it); tomorrow the new one.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Contains("\"processingDays\":5", await http.GetStringAsync($"/api/v1/procedures/{code}?on={Iso(TodayInVietnam)}"));
        var next = await http.GetStringAsync($"/api/v1/procedures/{code}?on={Iso(tomorrow)}");
        Assert.Contains("\"processingDays\":6", next);
        Assert.Contains("(bản sửa đổi)", next);
    }

    [Fact]
    public async Task An_officer_is_refused_and_a_unit_of_another_province_is_not_found()
    {
        using (var officer = app.OpenBrowser())
        {
            officer.SignIn("officer");
            officer.Open("/quan-tri");
            officer.Wait().Until(d => d.Url.Contains("/khong-co-quyen", StringComparison.Ordinal));
            Assert.Equal("Không có quyền", officer.Text("h1"));
            Assert.DoesNotContain(officer.FindAll("nav.menu a"), a => a.GetAttribute("href")?.EndsWith("/quan-tri", StringComparison.Ordinal) == true);
        }

        using var admin = app.OpenBrowser();
        admin.SignIn("admin");
        admin.Open("/quan-tri/don-vi/30112"); // Xã Mỹ Hiệp, Đồng Tháp
        Assert.Equal("Không tìm thấy trang", admin.Text("h1"));
        Assert.DoesNotContain("Mỹ Hiệp", admin.PageText);

        // The same answer as for a unit that does not exist: 404.
        var cookie = admin.Driver.Manage().Cookies.GetCookieNamed("motcua.auth");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/quan-tri/don-vi/30112");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_admin_pages_fit_a_360px_phone()
    {
        // MOTCUA_ADMIN_SHOTS=/some/dir also saves each page at 360 and 1280 px, to look at them.
        var shots = Environment.GetEnvironmentVariable("MOTCUA_ADMIN_SHOTS");
        string[] pages = ["/quan-tri", "/quan-tri/thu-tuc", "/quan-tri/thu-tuc/1.001193", "/quan-tri/lich/2026", "/quan-tri/lich/2031",
            "/quan-tri/don-vi", "/quan-tri/don-vi/30502", "/quan-tri/tai-khoan"];
        using var phone = app.OpenBrowser(360, 780);
        phone.SignIn("admin");
        foreach (var page in pages)
        {
            phone.Open(page);
            Assert.Equal(360, Convert.ToInt32(phone.Driver.ExecuteScript("return window.innerWidth;")));
            var width = Convert.ToInt32(phone.Driver.ExecuteScript("return document.documentElement.scrollWidth;"));
            Assert.True(width <= 360, $"{page} is {width}px wide at 360px");
            if (shots is not null) phone.Screenshot(Path.Combine(shots, $"admin{Slug(page)}-360.png"));
        }
        if (shots is null) return;
        using var desk = app.OpenBrowser(1280, 900);
        desk.SignIn("admin");
        foreach (var page in pages)
        {
            desk.Open(page);
            desk.Screenshot(Path.Combine(shots, $"admin{Slug(page)}-1280.png"));
        }
    }

    private static void FillById(Infrastructure.Browser browser, string id, string value)
    {
        Assert.Single(browser.FindAll($"label[for='{id}']")); // every field has its label
        var field = browser.Find("#" + id);
        field.Clear();
        field.SendKeys(value);
    }

    /// <summary>A date input takes keys in the browser's locale order; its value is set the way a date picker sets it.</summary>
    private static void SetDate(Infrastructure.Browser browser, string label, DateOnly date) =>
        browser.Driver.ExecuteScript("arguments[0].value = arguments[1];", browser.Field(label), Iso(date));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
    private static string Slug(string path) => path.Replace("/quan-tri", "", StringComparison.Ordinal).Replace('/', '-').Replace('.', '_');
}
