using System.IO.Compression;
using System.Text.RegularExpressions;
using MotCua.Browser.Tests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace MotCua.Browser.Tests;

/// <summary>
/// The staff pages in a real browser: counter intake and its receipt, the dossier page's action buttons carrying a dossier
/// to "returned" with the leader's bulk approval, errors in place, the work queue's overdue mark, unit scoping, a phone
/// screen and the English texts. Screenshots go to $STAFF_SHOTS when it is set.
/// </summary>
[Collection(BrowserCollection.Name)]
public class StaffJourneyTests(BrowserApp app)
{
    private const string Procedure = "1.004873"; // marital status certificate: 3 working days, one required paper "to-khai"
    private const string ThoiSonAgency = "000.00.28.H91";

    [Fact]
    public void An_officer_receives_a_dossier_at_the_counter_with_the_keyboard_and_gets_the_receipt_with_a_qr_code()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "officer");
        var code = ReceiveAtCounter(browser, "Nguyễn Thị Hoa", "091095004321", scan: true);

        Assert.Matches($@"^{Regex.Escape(ThoiSonAgency)}-\d{{6}}-\d{{4}}$", code);
        Assert.Contains($"/ho-so/{code}/bien-nhan?moi=1", browser.Url);
        Assert.Contains($"Đã tiếp nhận hồ sơ {code}", browser.PageText);
        var text = browser.PageText;
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", text);
        Assert.Contains("Nguyễn Thị Hoa", text);
        Assert.Matches(@"Thời gian trả kết quả giải quyết hồ sơ: \d{2} giờ \d{2} phút, ngày \d{2}/\d{2}/\d{4}", browser.Text("#appointment"));
        // The scanned declaration is recorded as handed in.
        Assert.Contains("Có", browser.Find(".paper table tbody tr:first-child").Text);
        // The QR code is an image inside the page, and the printed link is the portal's tracking page for this code.
        var qr = browser.Find("#qr");
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"));
        Assert.True(Convert.ToInt32(browser.Driver.ExecuteScript("return arguments[0].naturalWidth;", qr)) > 0, "the QR image does not load");
        Assert.Contains($"/tra-cuu?ma={code}", text);
        Assert.Contains("Nhấn Ctrl+P để in", text);
        Shot(browser, "receipt-1280");

        // A5 is a link away; the page then asks the printer for A5.
        browser.Press("A5");
        browser.Wait().Until(d => d.Url.EndsWith("kho=a5", StringComparison.Ordinal));
        Assert.Contains("size: A5", browser.Driver.PageSource);
    }

    [Fact]
    public async Task Officer_specialist_and_leader_carry_a_dossier_to_returned_with_the_dossier_page_buttons_and_bulk_approval()
    {
        // Received at the counter through the API (the counter page itself is the journey above).
        string code;
        using (var counter = await Api.SignInAsync(app, "officer"))
            code = await counter.ReceiveMaritalStatusAsync("Trần Quốc Toản", "091088007777");
        using (var officer = app.OpenBrowser())
        {
            SignIn(officer, "officer");
            officer.Open($"/ho-so/{code}");
            Assert.Equal(new[] { "Phân công", "Yêu cầu bổ sung", "Từ chối", "Rút hồ sơ", "Chuyển cơ quan khác" }, ActionButtons(officer));
            officer.Select("Chuyên viên xử lý", "Trần Văn Minh (specialist)");
            officer.Press("Phân công");
            WaitForText(officer, "Đã thực hiện: Phân công.");
            Assert.Equal("Đã phân công", officer.Text("#status"));
            Assert.Equal("Trần Văn Minh", officer.Text("#assignee-name"));
            Shot(officer, "dossier-1280");
        }

        using (var specialist = app.OpenBrowser())
        {
            SignIn(specialist, "specialist");
            // The specialist finds it in "my dossiers".
            specialist.Open("/cong-viec");
            specialist.Find($"#queue a[href='/ho-so/{code}']").Click();
            specialist.Press("Bắt đầu xử lý");
            WaitForText(specialist, "Đã thực hiện: Bắt đầu xử lý.");
            Assert.Equal("Đang xử lý", specialist.Text("#status"));
            specialist.Press("Trình phê duyệt");
            WaitForText(specialist, "Đã thực hiện: Trình phê duyệt.");
            Assert.Equal("Chờ phê duyệt", specialist.Text("#status"));
            Assert.DoesNotContain("Phê duyệt", ActionButtons(specialist));
        }

        using (var leader = app.OpenBrowser())
        {
            SignIn(leader, "leader");
            leader.Open("/phe-duyet");
            Shot(leader, "approval-1280");
            var pick = leader.Find($"input[name=pick][value^='{code}|']");
            pick.SendKeys(Keys.Space);
            Assert.True(pick.Selected);
            leader.Press("Phê duyệt các hồ sơ đã chọn");
            WaitForText(leader, "Đã phê duyệt 1 hồ sơ");
            Assert.Contains(code, leader.Text("#approved"));
            Assert.Empty(leader.FindAll($"input[name=pick][value^='{code}|']"));
        }

        using (var officer = app.OpenBrowser())
        {
            SignIn(officer, "officer");
            officer.Open($"/ho-so/{code}");
            Assert.Equal("Đã phê duyệt", officer.Text("#status"));
            officer.Press("Có kết quả");
            WaitForText(officer, "Đã thực hiện: Có kết quả.");
            Assert.Equal("Có kết quả, chờ trả", officer.Text("#status"));
            officer.Press("Trả kết quả");
            WaitForText(officer, "Đã thực hiện: Trả kết quả.");
            Assert.Equal("Đã trả kết quả", officer.Text("#status"));

            // The process control sheet lists every step, oldest first, and nothing more can be done.
            var steps = officer.FindAll("#timeline > li").Select(li => li.FindElement(By.TagName("strong")).Text).ToList();
            Assert.Equal(new[] { "Tiếp nhận hồ sơ", "Phân công", "Bắt đầu xử lý", "Trình phê duyệt", "Phê duyệt", "Có kết quả", "Trả kết quả" }, steps);
            var timeline = officer.Text("#timeline");
            foreach (var who in new[] { "Nguyễn Thị Lan", "Trần Văn Minh", "Lê Hoàng Phúc" }) Assert.Contains(who, timeline);
            Assert.Contains("Chờ phê duyệt → Đã phê duyệt", timeline);
            Assert.Empty(ActionButtons(officer));
            Assert.Empty(officer.FindAll("form[enctype='multipart/form-data']"));
            Shot(officer, "dossier-returned-1280");
        }
    }

    [Fact]
    public void A_wrong_id_number_at_the_counter_is_shown_next_to_the_field_and_the_rest_of_the_form_is_kept()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "officer");
        OpenIntakeForm(browser);
        browser.Fill("Họ và tên", "Lê Thị Sai Số");
        browser.Fill("Số định danh cá nhân", "12345");
        browser.Select("Tình trạng hôn nhân hiện tại", "Đã ly hôn, chưa đăng ký kết hôn với người khác");
        browser.Fill("Mục đích sử dụng Giấy xác nhận", "Kết hôn với người nước ngoài");
        browser.Fill("Số lượng bản đề nghị cấp", "3");
        browser.Find("#doc-to-khai").SendKeys(Keys.Space);
        browser.Field("Họ và tên").SendKeys(Keys.Enter);

        var error = browser.Find("#applicant-idNumber-error");
        Assert.Contains("12 chữ số", error.Text);
        Assert.Contains("/tiep-nhan", browser.Url);
        var id = browser.Field("Số định danh cá nhân");
        Assert.Equal("true", id.GetAttribute("aria-invalid"));
        Assert.Contains("applicant-idNumber-error", id.GetAttribute("aria-describedby"));
        Assert.Equal("applicant-idNumber", browser.Driver.SwitchTo().ActiveElement().GetAttribute("id"));
        Assert.Equal("12345", id.GetAttribute("value"));
        Assert.Equal("Lê Thị Sai Số", browser.Field("Họ và tên").GetAttribute("value"));
        Assert.Equal("Đã ly hôn, chưa đăng ký kết hôn với người khác",
            new SelectElement(browser.Field("Tình trạng hôn nhân hiện tại")).SelectedOption.Text);
        Assert.Equal("Kết hôn với người nước ngoài", browser.Field("Mục đích sử dụng Giấy xác nhận").GetAttribute("value"));
        Assert.Equal("3", browser.Field("Số lượng bản đề nghị cấp").GetAttribute("value"));
        Assert.True(browser.Find("#doc-to-khai").Selected);
        Assert.Single(browser.FindAll(".field-error"));
        Shot(browser, "intake-error-1280");

        // Fixing the one field is enough.
        browser.Fill("Số định danh cá nhân", "091190008888");
        browser.Field("Số định danh cá nhân").SendKeys(Keys.Enter);
        browser.Wait().Until(d => d.Url.Contains("/bien-nhan", StringComparison.Ordinal));
        Assert.Contains("Lê Thị Sai Số", browser.PageText);
    }

    [Fact]
    public void A_late_back_entered_dossier_gets_a_printable_apology_slip_and_supplement_request_and_a_stale_page_gets_the_conflict()
    {
        using var officer = app.OpenBrowser();
        SignIn(officer, "officer");
        OpenIntakeForm(officer);
        FillApplicationFor(officer, "Võ Văn Trễ", "091085005555");
        officer.Find("#doc-to-khai").SendKeys(Keys.Space);
        officer.Select("Hình thức nộp", "Nhập bổ sung hồ sơ giấy");
        // The paper was received twenty days ago (Vietnam time): the 3-day time limit has passed, holidays or not.
        var receivedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date.AddDays(-20).AddHours(9);
        officer.Driver.ExecuteScript("arguments[0].value = arguments[1];", officer.Field("Thời điểm nhận hồ sơ giấy"),
            receivedAt.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        officer.Find("form[enctype='multipart/form-data'] button[type=submit]").SendKeys(Keys.Enter);
        officer.Wait().Until(d => d.Url.Contains("/bien-nhan", StringComparison.Ordinal));
        var code = officer.Text("#dossier-code");
        Assert.Contains(receivedAt.ToString("-yyMMdd-", System.Globalization.CultureInfo.InvariantCulture), code);
        Assert.Contains("Hình thức nộp: Trực tiếp (nhập bổ sung)", officer.PageText);
        Assert.Contains($"09 giờ 00 phút, ngày {receivedAt:dd/MM/yyyy}", officer.PageText);

        // Overdue, so the apology slip is offered; it asks for a reason and a later appointment (pre-filled).
        officer.Open($"/ho-so/{code}");
        Assert.Contains("Quá hạn", officer.Text("p.status"));
        Assert.Contains("Lập phiếu xin lỗi, hẹn lại", ActionButtons(officer));
        var oldDue = officer.Text("#due");
        officer.Fill("Lý do chậm trả kết quả", "Chờ kết quả xác minh tình trạng hôn nhân tại nơi cư trú trước đây.");
        Assert.False(string.IsNullOrEmpty(officer.Field("Ngày hẹn trả mới").GetAttribute("value")));
        Shot(officer, "dossier-overdue-1280");
        officer.Press("Lập phiếu xin lỗi, hẹn lại");
        WaitForText(officer, "Đã thực hiện: Lập phiếu xin lỗi, hẹn lại.");
        Assert.DoesNotContain("Quá hạn", officer.Text("p.status"));
        officer.Press("In phiếu xin lỗi, hẹn lại");
        WaitForText(officer, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        Assert.Equal("Chờ kết quả xác minh tình trạng hôn nhân tại nơi cư trú trước đây.", officer.Text("#reason"));
        Assert.Contains(oldDue[..10], officer.Text("#old-due"));
        Assert.Contains("Võ Văn Trễ", officer.PageText);
        Shot(officer, "apology-slip-1280");

        // The paper declaration ticked at the counter is recorded on the dossier, so nothing is missing; its scan is added
        // afterwards from the dossier page.
        officer.Open($"/ho-so/{code}");
        Assert.StartsWith("Tờ khai", officer.Text("#papers-checked"));
        Assert.Contains("Không thiếu", officer.Text("dl.facts"));
        new SelectElement(officer.Field("Giấy tờ")).SelectByValue("to-khai");
        officer.Field("Tệp (PDF, JPEG, PNG)").SendKeys(TinyPng());
        officer.Press("Tải bản quét lên");
        WaitForText(officer, "Đã lưu bản quét.");
        Assert.Contains("motcua-staff-scan.png", officer.PageText);
        Assert.Contains("Không thiếu", officer.Text("dl.facts"));

        // A leader opens the dossier page; meanwhile the officer asks for a supplement (an empty note is refused in place).
        using var leader = app.OpenBrowser();
        SignIn(leader, "leader");
        leader.Open($"/ho-so/{code}");
        officer.Open($"/ho-so/{code}");
        officer.Press("Yêu cầu bổ sung");
        Assert.Contains("Cần ghi rõ lý do hoặc nội dung.", officer.Text("#note-requestSupplement-error"));
        Assert.Equal("true", officer.Field("Nội dung cần bổ sung").GetAttribute("aria-invalid"));
        officer.Fill("Nội dung cần bổ sung", "Bản sao giấy tờ chứng minh đã ly hôn.");
        officer.Press("Yêu cầu bổ sung");
        WaitForText(officer, "Đã thực hiện: Yêu cầu bổ sung.");
        Assert.Equal("Chờ bổ sung hồ sơ", officer.Text("#status"));
        officer.Press("In phiếu yêu cầu bổ sung");
        WaitForText(officer, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
        Assert.Equal("Bản sao giấy tờ chứng minh đã ly hôn.", officer.Text("#request-note"));
        Shot(officer, "supplement-request-1280");

        // The leader's page is stale: assigning now is refused with the conflict message at the top.
        leader.Select("Chuyên viên xử lý", "Trần Văn Minh (specialist)");
        leader.Press("Phân công");
        Assert.Contains("Hồ sơ đã được người khác cập nhật", leader.Text("#failure"));
        Assert.Equal("Chờ bổ sung hồ sơ", leader.Text("#status"));
        Assert.DoesNotContain("Phân công", ActionButtons(leader));
    }

    [Fact]
    public void A_missing_required_paper_stops_the_intake_with_a_message_on_the_checklist()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "officer");
        OpenIntakeForm(browser);
        FillApplicationFor(browser, "Phạm Văn Thiếu", "091092003333");
        browser.Field("Họ và tên").SendKeys(Keys.Enter);
        Assert.Contains("Chưa nhận đủ giấy tờ bắt buộc", browser.Text("#documents-error"));
        Assert.Contains("/tiep-nhan", browser.Url);
        Assert.Equal("Phạm Văn Thiếu", browser.Field("Họ và tên").GetAttribute("value"));
    }

    [Fact]
    public void The_work_queue_marks_the_overdue_sample_dossier_in_colour_and_in_words_and_filters_it()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "officer");
        browser.Open("/cong-viec");
        Assert.Equal("page", browser.Find("a[href^='/cong-viec?view=unit']").GetAttribute("aria-current"));
        var row = RowOf(browser, "Đỗ Văn Giang");
        Assert.Contains("overdue", row.GetAttribute("class"));
        Assert.Contains("Quá hạn", row.Text);
        Assert.NotEqual("rgba(0, 0, 0, 0)", row.FindElement(By.TagName("td")).GetCssValue("background-color"));
        Shot(browser, "queue-1280");

        browser.Select("Hạn giải quyết", "Quá hạn");
        browser.Press("Lọc");
        browser.Wait().Until(d => d.Url.Contains("due=overdue", StringComparison.Ordinal));
        var rows = browser.FindAll("#queue tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("overdue", r.GetAttribute("class")));
        Assert.Contains(rows, r => r.Text.Contains("Đỗ Văn Giang", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Text.Contains("Võ Thị Phương", StringComparison.Ordinal)); // returned sample

        // Search by the name typed without accents.
        browser.Open("/cong-viec?view=unit");
        browser.Fill("Mã hồ sơ hoặc tên người nộp", "do van giang");
        browser.Press("Lọc");
        browser.Wait().Until(d => d.Url.Contains("q=do", StringComparison.Ordinal));
        Assert.Single(browser.FindAll("#queue tbody tr"));

        // The leader sees it in the unit's overdue overview with the days late.
        using var leader = app.OpenBrowser();
        SignIn(leader, "leader");
        leader.Open("/phe-duyet");
        var late = leader.FindAll("#overdue tbody tr").Single(r => r.Text.Contains("Đỗ Văn Giang", StringComparison.Ordinal));
        Assert.Matches(@"\d+ ngày làm việc", late.Text);
    }

    [Fact]
    public void An_officer_of_another_unit_gets_not_found_for_a_thoi_son_dossier()
    {
        string code;
        using (var officer = app.OpenBrowser())
        {
            SignIn(officer, "officer");
            officer.Open("/cong-viec?view=unit&q=" + Uri.EscapeDataString("Đỗ Văn Giang"));
            code = RowOf(officer, "Đỗ Văn Giang").FindElement(By.CssSelector("th a")).Text;
        }
        using var other = app.OpenBrowser();
        SignIn(other, "officer2");
        foreach (var path in new[] { $"/ho-so/{code}", $"/ho-so/{code}/bien-nhan" })
        {
            other.Open(path);
            Assert.Equal("Không tìm thấy trang", other.Text("main h1"));
            Assert.DoesNotContain("Đỗ Văn Giang", other.PageText);
        }
        other.Open("/cong-viec?q=" + Uri.EscapeDataString("Đỗ Văn Giang"));
        Assert.Empty(other.FindAll("#queue tbody tr"));
    }

    [Fact]
    public void The_staff_pages_fit_a_360_px_phone_without_sideways_scrolling()
    {
        using var browser = app.OpenBrowser(360, 780);
        SignIn(browser, "officer");
        var code = "";
        foreach (var path in new[] { $"/tiep-nhan?procedure={Procedure}", "/cong-viec", "dossier", "receipt" })
        {
            if (path == "dossier")
            {
                browser.Open("/cong-viec?view=unit&q=" + Uri.EscapeDataString("Đỗ Văn Giang"));
                code = RowOf(browser, "Đỗ Văn Giang").FindElement(By.CssSelector("th a")).Text;
            }
            browser.Open(path switch { "dossier" => $"/ho-so/{code}", "receipt" => $"/ho-so/{code}/bien-nhan", _ => path });
            Assert.Equal(360, Convert.ToInt32(browser.Driver.ExecuteScript("return window.innerWidth;")));
            var scrollWidth = Convert.ToInt32(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth;"));
            Assert.True(scrollWidth <= 360, $"{path} is {scrollWidth}px wide at 360px");
            Shot(browser, $"{Regex.Replace(path, "[^a-z]+", "-").Trim('-')}-360");
        }
    }

    [Fact]
    public void The_work_queue_and_the_dossier_page_speak_english_when_asked()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "specialist");
        browser.Open("/cong-viec?culture=en");
        Assert.Equal("en", browser.Find("html").GetAttribute("lang"));
        Assert.Equal("Work queue", browser.Text("main h1"));
        Assert.Equal("page", browser.Find("a[href^='/cong-viec?view=mine']").GetAttribute("aria-current"));
        Assert.Contains("My dossiers", browser.PageText);
        var link = browser.Find("#queue tbody a");
        var code = link.Text;
        browser.Open($"/ho-so/{code}?culture=en");
        Assert.Equal($"Dossier {code}", browser.Text("main h1"));
        Assert.Contains("Process control sheet", browser.PageText);
        Shot(browser, "dossier-en-1280");
    }

    // ---- helpers ----

    /// <summary>
    /// Signs in through the sign-in page and waits for the sign-in cookie (not for the redirect, so a sign-in page that
    /// answers its POST with something other than a redirect still lets the journey go on).
    /// </summary>
    private static void SignIn(Infrastructure.Browser browser, string userName)
    {
        browser.Open("/dang-nhap");
        browser.Fill("Tên đăng nhập", userName);
        browser.Fill("Mật khẩu", BrowserApp.Password);
        browser.Field("Mật khẩu").SendKeys(Keys.Enter);
        // Wait until the sign-in form has gone (the redirect, or whatever page answered the post), then make sure the
        // sign-in cookie is there from a page of the site.
        browser.Wait().Until(d => d.FindElements(By.Id("password")).Count == 0);
        if (browser.Driver.Manage().Cookies.GetCookieNamed("motcua.auth") is null) browser.Open("/");
        try
        {
            browser.Wait().Until(d => d.Manage().Cookies.GetCookieNamed("motcua.auth") is not null);
        }
        catch (WebDriverTimeoutException)
        {
            throw new InvalidOperationException($"not signed in as {userName}: {browser.Url}\n{browser.PageText}");
        }
    }

    /// <summary>Chooses the procedure on the counter page with the keyboard and opens its form.</summary>
    private static void OpenIntakeForm(Infrastructure.Browser browser)
    {
        browser.Open("/tiep-nhan");
        var procedure = browser.Field("Thủ tục hành chính");
        Assert.Equal("procedure", browser.Driver.SwitchTo().ActiveElement().GetAttribute("id")); // autofocus
        new SelectElement(procedure).SelectByValue(Procedure);
        procedure.SendKeys(Keys.Tab); // to "Mở biểu mẫu"
        Assert.Equal("Mở biểu mẫu", browser.Driver.SwitchTo().ActiveElement().Text);
        browser.Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        browser.Wait().Until(d => d.Url.Contains("procedure=" + Procedure, StringComparison.Ordinal));
        // The form opens with the cursor in the applicant's name.
        Assert.Equal("applicant-fullName", browser.Driver.SwitchTo().ActiveElement().GetAttribute("id"));
    }

    private static void FillApplicationFor(Infrastructure.Browser browser, string name, string idNumber)
    {
        browser.Driver.SwitchTo().ActiveElement().SendKeys(name + Keys.Tab + idNumber);
        browser.Fill("Số điện thoại", "0912345678");
        browser.Select("Tình trạng hôn nhân hiện tại", "Chưa đăng ký kết hôn với ai");
        browser.Fill("Mục đích sử dụng Giấy xác nhận", "Bổ sung hồ sơ vay vốn ngân hàng");
        browser.Fill("Số lượng bản đề nghị cấp", "2");
    }

    /// <summary>Receives a dossier for 1.004873 at the counter and returns its code from the receipt page.</summary>
    private static string ReceiveAtCounter(Infrastructure.Browser browser, string name, string idNumber, bool scan)
    {
        OpenIntakeForm(browser);
        FillApplicationFor(browser, name, idNumber);
        browser.Find("#doc-to-khai").SendKeys(Keys.Space);
        if (scan) browser.Find("#file-to-khai").SendKeys(TinyPng());
        Shot(browser, "intake-filled-1280");
        var submit = browser.Find("form[enctype='multipart/form-data'] button[type=submit]");
        Assert.Equal("Tiếp nhận hồ sơ", submit.Text);
        submit.SendKeys(Keys.Enter);
        browser.Wait().Until(d => d.Url.Contains("/bien-nhan", StringComparison.Ordinal));
        return browser.Text("#dossier-code");
    }

    private static void WaitForText(Infrastructure.Browser browser, string text, int seconds = 10) => browser.WaitForText(text, seconds);

    /// <summary>The texts of the action buttons on the dossier page.</summary>
    private static List<string> ActionButtons(Infrastructure.Browser browser) =>
        browser.FindAll("#actions button").Select(b => b.Text.Trim()).ToList();

    private static IWebElement RowOf(Infrastructure.Browser browser, string applicant)
    {
        var row = browser.Wait().Until(d => d.FindElements(By.CssSelector("#queue tbody tr"))
            .FirstOrDefault(r => r.Text.Contains(applicant, StringComparison.Ordinal)));
        return row ?? throw new NoSuchElementException($"no row for {applicant} on {browser.Url}");
    }

    /// <summary>A small valid PNG on disk, to attach as a scan.</summary>
    private static string TinyPng()
    {
        var path = Path.Combine(Path.GetTempPath(), "motcua-staff-scan.png");
        if (File.Exists(path)) return path;
        static byte[] Chunk(string type, byte[] data)
        {
            var t = System.Text.Encoding.ASCII.GetBytes(type);
            var body = t.Concat(data).ToArray();
            var len = BitConverter.GetBytes(data.Length).Reverse();
            var crc = BitConverter.GetBytes(Crc32(body)).Reverse();
            return len.Concat(body).Concat(crc).ToArray();
        }
        var header = new byte[] { 0, 0, 0, 8, 0, 0, 0, 8, 8, 0, 0, 0, 0 }; // 8×8, 8-bit greyscale
        var raw = Enumerable.Range(0, 8).SelectMany(_ => new byte[] { 0 }.Concat(Enumerable.Repeat((byte)0xFF, 8))).ToArray();
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }
            .Concat(Chunk("IHDR", header)).Concat(Chunk("IDAT", compressed.ToArray())).Concat(Chunk("IEND", [])).ToArray();
        File.WriteAllBytes(path, png);
        return path;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>Saves a screenshot into $STAFF_SHOTS when that is set (to look at the pages while building them).</summary>
    private static void Shot(Infrastructure.Browser browser, string name)
    {
        if (Environment.GetEnvironmentVariable("STAFF_SHOTS") is { Length: > 0 } dir)
            browser.Screenshot(Path.Combine(dir, name + ".png"));
    }
}
