using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Browser.Tests.Infrastructure;
using OpenQA.Selenium;

namespace MotCua.Browser.Tests;

/// <summary>
/// The citizen portal in a real browser: find a procedure without accents, submit online with a file, get the receipt,
/// track it, follow it to "returned", answer a supplement request; on a desktop screen and on a 360 px phone.
/// Staff moves are made through the HTTP API with bearer tokens, as another office would; a journey that only needs a
/// dossier to look at gets it through the API too (the online submission itself is walked through in the browser by
/// the first journey, and on a phone by the supplement journey).
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class PortalJourneyTests(BrowserApp app)
{
    private const string BirthRegistration = "1.001193";
    private const string ThoiSon = "Phường Thới Sơn";
    /// <summary>A valid ID number of someone born in 1985 (century digit 1, year 85).</summary>
    private const string IdNumber = "091185001234";
    /// <summary>The demo citizen's name (the online form fills it in from the account).</summary>
    private const string CitizenName = "Phạm Thị Hồng";

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$")]
    private static partial Regex DossierCode();

    [Fact]
    public void A_citizen_finds_birth_registration_without_accents_submits_online_with_a_pdf_and_sees_it_in_my_dossiers()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        browser.Open("/thu-tuc");
        browser.Fill("Tên thủ tục", "dang ky khai sinh");
        browser.Press("Tìm kiếm");
        WaitForText(browser, "Thủ tục đăng ký khai sinh");
        browser.Press("Thủ tục đăng ký khai sinh");
        WaitForText(browser, "Thành phần hồ sơ");
        Assert.EndsWith("/thu-tuc/" + BirthRegistration, browser.Url);
        Assert.Contains("Giấy chứng sinh", browser.PageText);
        Assert.Contains("nếu có", browser.PageText);
        Shot(browser, "procedure-1280");

        browser.Press("Nộp hồ sơ trực tuyến");
        WaitForStep(browser, "1. Điền thông tin");
        // What the account knows is filled in already.
        Assert.Equal(CitizenName, browser.Field("Họ, chữ đệm và tên").GetAttribute("value"));
        FillBirthRegistration(browser, "Nguyễn Minh Khang");
        Shot(browser, "submit-step1-1280");
        browser.Press("Tiếp tục");

        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        Assert.Contains("Nguyễn Minh Khang", browser.PageText);
        Assert.Contains(ThoiSon, browser.PageText);
        browser.Field("Giấy chứng sinh").SendKeys(Pdf());
        Shot(browser, "submit-step2-1280");
        browser.Press("Nộp hồ sơ");

        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        var code = browser.Text("#dossier-code");
        Assert.Matches(DossierCode(), code);
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", browser.Text("#due-at"));
        Assert.Contains("giay-chung-sinh.pdf", browser.PageText);
        Assert.DoesNotContain("không được nhận", browser.PageText);
        Shot(browser, "receipt-1280");

        browser.Open("/ho-so-cua-toi");
        WaitForText(browser, "Hồ sơ của tôi");
        var row = browser.FindAll("#my-dossiers tbody tr").Single(r => r.Text.Contains(code));
        Assert.Contains("Đã tiếp nhận", row.Text);
        Assert.Contains("Thủ tục đăng ký khai sinh", row.Text);
        Shot(browser, "my-dossiers-1280");

        row.FindElement(By.LinkText(code)).Click();
        WaitForText(browser, "Quá trình giải quyết");
        Assert.Equal("Đã tiếp nhận", browser.Text("#status"));
        Assert.Contains("Hồ sơ được tiếp nhận", browser.Text("#timeline"));
        Assert.Contains("giay-chung-sinh.pdf", browser.Text("#documents"));
        // The file opens from its link, with the citizen's own sign-in.
        var link = browser.Find("#documents a").GetAttribute("href");
        var answer = browser.Driver.ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-type')));", link);
        Assert.Equal("200 application/pdf", answer);
        Shot(browser, "dossier-1280");
    }

    [Fact]
    public void The_reviewed_form_sent_twice_at_once_makes_one_dossier()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        ReviewBirthRegistration(browser, "Đỗ Gia Bảo");
        // Both sendings at once, as a double tap on a slow line makes them; each follows its redirect to a receipt.
        var urls = (string)browser.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            const form = document.querySelector('form[enctype="multipart/form-data"]');
            const send = () => {
                const data = new FormData(form);
                data.set('step', 'submit');
                return fetch(form.action, { method: 'POST', body: data }).then(r => r.status + ' ' + r.url);
            };
            Promise.all([send(), send()]).then(u => done(u.join('\n')), e => done(String(e)));
            """);
        var both = urls.Split('\n');
        Assert.Equal(2, both.Length);
        Assert.All(both, u => Assert.Matches(@"^200 .*/ho-so-cua-toi/[^/]+/bien-nhan$", u));
        Assert.Equal(both[0], both[1]);
    }

    [Fact]
    public void A_form_sent_again_with_other_details_under_its_old_key_says_so_in_words_and_the_next_sending_makes_the_dossier()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        ReviewBirthRegistration(browser, "Lý Minh Khôi");
        const string keyField = "input[name='" + MotCua.Web.Dossiers.ReceiveDossier.KeyFormField + "']";
        var firstKey = (string)browser.Driver.ExecuteScript($"return document.querySelector(\"{keyField}\").value");
        browser.Press("Nộp hồ sơ");
        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        var firstCode = browser.Text("#dossier-code");

        // The review step of another child's form carrying the first form's key, as a page kept by the browser and changed.
        ReviewBirthRegistration(browser, "Lý Minh Châu");
        browser.Driver.ExecuteScript($"document.querySelector(\"{keyField}\").value = arguments[0]", firstKey);
        browser.Press("Nộp hồ sơ");

        WaitForStep(browser, "1. Điền thông tin");
        Assert.Contains("Biểu mẫu này đã được gửi trước đó với thông tin khác", browser.Text("[role=alert]"));
        Assert.DoesNotContain("idempot", browser.PageText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Lý Minh Châu", browser.Field("Họ, chữ đệm, tên của trẻ").GetAttribute("value"));
        Shot(browser, "submit-already-sent-1280");

        // Sent again through the review step (a fresh key), it makes the second child's dossier.
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        Assert.NotEqual(firstKey, (string)browser.Driver.ExecuteScript($"return document.querySelector(\"{keyField}\").value"));
        browser.Press("Nộp hồ sơ");
        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        var secondCode = browser.Text("#dossier-code");
        Assert.Matches(DossierCode(), secondCode);
        Assert.NotEqual(firstCode, secondCode);
    }

    [Fact]
    public void A_wrong_id_number_shows_its_message_next_to_the_field_and_keeps_what_was_typed()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        browser.Open("/nop-ho-so/" + BirthRegistration);
        FillBirthRegistration(browser, "Trần Gia Hân", idNumber: "12345");
        browser.Press("Tiếp tục");

        var error = browser.Find("#e-applicant-idNumber");
        Assert.Contains("12 chữ số", error.Text);
        var idField = browser.Field("Số định danh cá nhân (CCCD)");
        Assert.Contains("e-applicant-idNumber", idField.GetAttribute("aria-describedby"));
        Assert.Equal("true", idField.GetAttribute("aria-invalid"));
        Assert.Equal("12345", idField.GetAttribute("value"));
        // Everything else is kept as typed, and the summary links to the field.
        Assert.Equal("Trần Gia Hân", browser.Field("Họ, chữ đệm, tên của trẻ").GetAttribute("value"));
        Assert.Equal("Kinh", browser.Field("Dân tộc của trẻ").GetAttribute("value"));
        Assert.Equal("Mẹ", new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Quan hệ của người đi đăng ký")).SelectedOption.Text);
        Assert.Equal(ThoiSon, new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Xã, phường, đặc khu")).SelectedOption.Text);
        Assert.NotNull(browser.Find("#error-summary a[href='#f-applicant-idNumber']"));
        Assert.Contains("1. Điền thông tin", browser.PageText);
        Shot(browser, "submit-error-1280");

        // Corrected, it goes on to the review.
        browser.Fill("Số định danh cá nhân (CCCD)", IdNumber);
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        // Back to edit keeps the values too.
        browser.Press("Quay lại sửa");
        WaitForStep(browser, "1. Điền thông tin");
        Assert.Equal(IdNumber, browser.Field("Số định danh cá nhân (CCCD)").GetAttribute("value"));

        // Another province lists its own communes, without script, and nothing typed is lost.
        browser.Select("Tỉnh, thành phố", "Đồng Tháp");
        browser.Press("Hiện các xã, phường của tỉnh đã chọn");
        var wait = browser.Wait();
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        wait.Until(_ => new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Xã, phường, đặc khu")).Options.Any(o => o.Text == "Xã Mỹ Hiệp"));
        // (Đồng Tháp has a Phường Thới Sơn of its own; Long Xuyên is An Giang only.)
        Assert.DoesNotContain(new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Xã, phường, đặc khu")).Options, o => o.Text == "Phường Long Xuyên");
        Assert.Equal(IdNumber, browser.Field("Số định danh cá nhân (CCCD)").GetAttribute("value"));
        Assert.Equal("Trần Gia Hân", browser.Field("Họ, chữ đệm, tên của trẻ").GetAttribute("value"));
        Assert.Empty(browser.FindAll(".field-error"));
    }

    [Fact]
    public async Task Tracking_by_code_and_id_number_shows_the_status_and_a_wrong_pair_says_not_found()
    {
        using var citizen = await Api.SignInAsync(app, "citizen");
        var code = await citizen.SubmitBirthRegistrationAsync("Lê Bảo Ngọc", CitizenName, IdNumber);

        using var browser = app.OpenBrowser();
        browser.Open("/tra-cuu");
        browser.Fill("Mã hồ sơ", code.ToLowerInvariant());
        browser.Fill("Số định danh cá nhân của người nộp", IdNumber);
        browser.Press("Tra cứu");
        WaitForText(browser, "Tình trạng hồ sơ");
        Assert.Equal("Đã tiếp nhận", browser.Text("#status"));
        Assert.Contains(code, browser.Text("#track-result"));
        Assert.Contains("Ngày hẹn trả kết quả", browser.Text("#track-result"));
        // No personal data on the public page.
        Assert.DoesNotContain(CitizenName, browser.PageText);
        Shot(browser, "track-1280");

        browser.Fill("Số định danh cá nhân của người nộp", "091185009999");
        browser.Press("Tra cứu");
        WaitForText(browser, "Không tìm thấy hồ sơ");
        Assert.DoesNotContain("Tình trạng hồ sơ", browser.PageText);

        // Waiting for a supplement is said plainly.
        var officer = await Api.SignInAsync(app, "officer");
        await officer.ActAsync(code, "requestSupplement", note: "Bổ sung bản sao giấy tờ tùy thân của mẹ.");
        browser.Fill("Số định danh cá nhân của người nộp", IdNumber);
        browser.Press("Tra cứu");
        WaitForText(browser, "Tình trạng hồ sơ");
        Assert.Equal("Chờ bổ sung hồ sơ", browser.Text("#status"));
        Assert.Contains("đang chờ bạn bổ sung hồ sơ", browser.PageText);
    }

    [Fact]
    public async Task The_citizen_sees_the_dossier_returned_after_the_office_carries_it_through()
    {
        using var citizen = await Api.SignInAsync(app, "citizen");
        var code = await citizen.SubmitBirthRegistrationAsync("Võ Thanh Tâm", CitizenName, IdNumber);

        var officer = await Api.SignInAsync(app, "officer");
        var specialist = await Api.SignInAsync(app, "specialist");
        var leader = await Api.SignInAsync(app, "leader");
        await officer.ActAsync(code, "assign", assignee: "specialist");
        await specialist.ActAsync(code, "startProcessing");
        await specialist.ActAsync(code, "submitForApproval");
        await leader.ActAsync(code, "approve");
        await officer.ActAsync(code, "markResultReady");
        await officer.ActAsync(code, "returnResult");

        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        browser.Open("/ho-so-cua-toi/" + code);
        WaitForText(browser, "Quá trình giải quyết");
        Assert.Equal("Đã trả kết quả", browser.Text("#status"));
        var timeline = browser.FindAll("#timeline li").Select(li => li.Text).ToList();
        Assert.Equal(7, timeline.Count);
        Assert.StartsWith("Hồ sơ được tiếp nhận", timeline[0]);
        Assert.Contains("Bạn", timeline[0]);
        Assert.Contains("Chuyên viên", timeline[2]);
        Assert.Contains("Lãnh đạo", timeline[4]);
        Assert.StartsWith("Đã trả kết quả", timeline[6]);
        Assert.Contains("Bộ phận Một cửa", timeline[6]);
        Assert.Contains("Ngày trả kết quả", browser.PageText);
        // A finished dossier offers nothing more to do.
        Assert.Empty(browser.FindAll("form[enctype='multipart/form-data']"));
        Assert.DoesNotContain("Rút hồ sơ", browser.PageText);
        Shot(browser, "dossier-returned-1280");

        browser.Open("/ho-so-cua-toi");
        Assert.Contains("Đã trả kết quả", browser.FindAll("#my-dossiers tbody tr").Single(r => r.Text.Contains(code)).Text);
    }

    [Fact]
    public async Task On_a_phone_the_citizen_answers_a_supplement_request_and_the_dossier_goes_back_to_the_office()
    {
        using var browser = app.OpenBrowser(360, 780);
        var code = SubmitOnline(browser, "Huỳnh Anh Thư", phone: true);
        AssertFitsTheScreen(browser);

        var officer = await Api.SignInAsync(app, "officer");
        await officer.ActAsync(code, "assign", assignee: "specialist");
        var specialist = await Api.SignInAsync(app, "specialist");
        await specialist.ActAsync(code, "startProcessing");
        const string request = "Bổ sung bản sao Giấy chứng nhận kết hôn của cha mẹ.";
        await specialist.ActAsync(code, "requestSupplement", note: request);

        browser.Open("/ho-so-cua-toi/" + code);
        WaitForText(browser, "Yêu cầu bổ sung hồ sơ");
        Assert.Equal("Chờ bổ sung hồ sơ", browser.Text("#status"));
        Assert.Equal(request, browser.Text("#supplement-note"));
        AssertFitsTheScreen(browser);
        Shot(browser, "supplement-360");

        // Nothing chosen: the page says so and resubmits nothing.
        browser.Press("Nộp bổ sung");
        WaitForText(browser, "Chọn ít nhất một tệp");
        Assert.Equal("Chờ bổ sung hồ sơ", browser.Text("#status"));

        browser.Field("Giấy tờ theo yêu cầu bổ sung").SendKeys(Pdf("giay-ket-hon.pdf"));
        browser.Fill("Ghi chú gửi cơ quan giải quyết", "Đã bổ sung giấy chứng nhận kết hôn.");
        browser.Press("Nộp bổ sung");
        WaitForText(browser, "Đã nộp bổ sung hồ sơ. Thời hạn giải quyết được tính tiếp.");
        Assert.Equal("Đang xử lý", browser.Text("#status"));
        Assert.Contains("giay-ket-hon.pdf", browser.Text("#documents"));
        var timeline = browser.Text("#timeline");
        Assert.Contains("Yêu cầu bổ sung, hoàn thiện hồ sơ", timeline);
        Assert.Contains(request, timeline);
        Assert.Contains("Đã nộp bổ sung hồ sơ", timeline);
        Assert.DoesNotContain("Yêu cầu bổ sung hồ sơ", browser.Find("main").Text.Split("Quá trình giải quyết")[0]);
        AssertFitsTheScreen(browser);
        Shot(browser, "supplement-done-360");

        var dossier = await officer.GetAsync(code);
        Assert.Equal("processing", dossier.GetProperty("status").GetString());
        Assert.Equal(2, dossier.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public void A_file_that_is_not_a_pdf_or_image_is_refused_but_the_dossier_is_received_and_named_on_the_receipt()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "citizen");
        browser.Open("/nop-ho-so/" + BirthRegistration);
        FillBirthRegistration(browser, "Đặng Quốc Bảo");
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        var text = Path.Combine(Path.GetTempPath(), $"motcua-{Guid.NewGuid():N}", "ghi-chu.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(text)!);
        File.WriteAllText(text, "không phải PDF");
        browser.Field("Giấy chứng sinh").SendKeys(text);
        browser.Press("Nộp hồ sơ");
        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        Assert.Matches(DossierCode(), browser.Text("#dossier-code"));
        Assert.Contains("các tệp sau không được nhận", browser.PageText);
        Assert.Contains("Giấy chứng sinh", browser.Find("[role=alert]").Text);

        // The paper is added afterwards from the dossier page.
        browser.Press("Xem hồ sơ");
        WaitForText(browser, "Tải thêm giấy tờ");
        new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Giấy tờ")).SelectByText("Giấy chứng sinh", partialMatch: true);
        browser.Field("Tệp giấy tờ").SendKeys(text);
        browser.Press("Tải lên");
        WaitForText(browser, "Chỉ nhận tệp PDF, JPEG hoặc PNG.");
        Assert.Contains("e-file", browser.Field("Tệp giấy tờ").GetAttribute("aria-describedby"));
        // The choice of paper is kept after the refusal.
        Assert.StartsWith("Giấy chứng sinh", new OpenQA.Selenium.Support.UI.SelectElement(browser.Field("Giấy tờ")).SelectedOption.Text);
        browser.Field("Tệp giấy tờ").SendKeys(Pdf());
        browser.Press("Tải lên");
        WaitForText(browser, "Đã tải lên giấy tờ.");
        Assert.Contains("giay-chung-sinh.pdf", browser.Text("#documents"));
    }

    [Fact]
    public async Task The_citizen_withdraws_a_dossier_after_confirming()
    {
        using var citizen = await Api.SignInAsync(app, "citizen");
        var code = await citizen.SubmitBirthRegistrationAsync("Trương Bảo Anh", CitizenName, IdNumber);
        using var browser = app.OpenBrowser(360, 780);
        SignIn(browser, "citizen");
        browser.Open("/ho-so-cua-toi/" + code);
        WaitForText(browser, "Quá trình giải quyết");
        browser.Press("Rút hồ sơ");
        WaitForText(browser, "Bạn có chắc muốn rút hồ sơ này?");
        Assert.Equal("Đã tiếp nhận", browser.Text("#status"));
        AssertFitsTheScreen(browser);
        Shot(browser, "withdraw-confirm-360");
        browser.Fill("Lý do rút hồ sơ", "Gia đình sẽ nộp trực tiếp tại phường.");
        browser.Press("Xác nhận rút hồ sơ");
        WaitForText(browser, "Hồ sơ đã được rút.");
        Assert.Equal("Đã rút hồ sơ", browser.Text("#status"));
        Assert.Contains("Gia đình sẽ nộp trực tiếp tại phường.", browser.Text("#timeline"));
        Assert.DoesNotContain("Xác nhận rút hồ sơ", browser.PageText);
    }

    [Fact]
    public async Task A_citizen_below_the_required_e_id_level_is_told_where_to_go_before_filling_anything()
    {
        const string userName = "citizen-eid1";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MotCua.Data.Entities.AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new MotCua.Data.Entities.AppUser { UserName = userName, FullName = "Ngô Văn Tư", EidLevel = 1, ProvinceCode = "91" };
                Assert.True((await users.CreateAsync(user, BrowserApp.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, "Citizen")).Succeeded);
            }
        }
        using var browser = app.OpenBrowser();
        SignIn(browser, userName);
        browser.Open("/thu-tuc/" + BirthRegistration);
        WaitForText(browser, "yêu cầu tài khoản định danh điện tử mức 2");
        Assert.Empty(browser.FindAll("a[href^='/nop-ho-so/']"));
        browser.Open("/nop-ho-so/" + BirthRegistration);
        WaitForText(browser, "nhờ tổ công nghệ số cộng đồng hỗ trợ");
        Assert.Empty(browser.FindAll("form input:not([type=hidden]), form select"));
        Shot(browser, "submit-eid-too-low-1280");
    }

    [Fact]
    public void A_procedure_offered_only_at_the_counter_says_so_and_an_unknown_code_is_not_found()
    {
        using var browser = app.OpenBrowser(360, 780);
        browser.Open("/thu-tuc/2.000815");
        WaitForText(browser, "Thủ tục này chưa nộp trực tuyến được");
        Assert.Empty(browser.FindAll("a[href^='/nop-ho-so/']"));
        Assert.Contains("2.000 đồng", browser.PageText);
        AssertFitsTheScreen(browser);
        Shot(browser, "procedure-counter-360");

        browser.Open("/thu-tuc/9.999999");
        WaitForText(browser, "Không tìm thấy thủ tục");
    }

    [Fact]
    public void A_volunteer_submits_for_someone_after_recording_consent()
    {
        using var browser = app.OpenBrowser();
        SignIn(browser, "volunteer");
        browser.Open("/nop-ho-so/" + BirthRegistration);
        WaitForText(browser, "Bạn đang nộp thay cho người dân");
        // No form before the person's consent is recorded.
        Assert.Empty(browser.FindAll("form input:not([type=hidden]), form select"));
        browser.Press("Ghi nhận sự đồng ý");
        WaitForText(browser, "Cách 1: chữ ký");
        browser.Fill("Họ, chữ đệm và tên", "Lâm Thị Sáu");
        browser.Fill("Số định danh cá nhân (CCCD)", IdNumber);
        browser.Field("Ảnh chữ ký").SendKeys(Files.PngOnDisk());
        browser.Press("Lưu chữ ký và tiếp tục");
        WaitForText(browser, "Đã có sự đồng ý của Lâm Thị Sáu bằng chữ ký");
        Assert.Equal("Lâm Thị Sáu", browser.Field("Họ, chữ đệm và tên").GetAttribute("value"));
        FillBirthRegistration(browser, "Lâm Gia Huy");
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        browser.Press("Nộp hồ sơ");
        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        var code = browser.Text("#dossier-code");
        browser.Open("/ho-so-cua-toi");
        Assert.Contains("Lâm Thị Sáu", browser.FindAll("#my-dossiers tbody tr").Single(r => r.Text.Contains(code)).Text);
        browser.Open("/ho-so-cua-toi/" + code);
        WaitForText(browser, "Lâm Thị Sáu đồng ý bằng chữ ký");
    }

    [Fact]
    public void A_citizen_signs_in_with_e_id_at_level_1_is_told_where_to_go_and_at_level_2_may_submit()
    {
        using var browser = app.OpenBrowser(360, 780);
        SignInWithEid(browser, "Lê Thị Dung", level: 1);
        browser.Open("/nop-ho-so/" + BirthRegistration);
        WaitForText(browser, "Nộp trực tiếp tại Bộ phận Một cửa");
        Assert.Contains("Nhờ tình nguyện viên tổ công nghệ số cộng đồng", browser.PageText);
        Assert.Contains("Giấy chứng sinh", browser.Text("#eid-too-low"));
        Assert.Empty(browser.FindAll("form input:not([type=hidden]), form select"));
        AssertFitsTheScreen(browser);
        Shot(browser, "eid-level1-submit-360");
        browser.Driver.Manage().Cookies.DeleteAllCookies();

        SignInWithEid(browser, "Lê Thị Dung", level: 2);
        browser.Open("/nop-ho-so/" + BirthRegistration);
        WaitForStep(browser, "1. Điền thông tin");
        Assert.Equal("Lê Thị Dung", browser.Field("Họ, chữ đệm và tên").GetAttribute("value"));
        // The ID number the e-ID vouched for is filled in too.
        Assert.Equal("087195005566", browser.Field("Số định danh cá nhân (CCCD)").GetAttribute("value"));
    }

    /// <summary>The e-ID button of the sign-in page, the demo provider's page (a person, a level), and back signed in.</summary>
    private static void SignInWithEid(Infrastructure.Browser browser, string person, int level)
    {
        browser.Open("/dang-nhap");
        browser.Press("Đăng nhập bằng định danh điện tử");
        // Two hops (the app's challenge, then the provider's authorize page; the first one also fetches the provider's
        // discovery document and keys): a loaded CI machine has needed more than the usual 10 s.
        WaitForText(browser, "Nhà cung cấp định danh điện tử (bản thử)", 30);
        browser.Driver.FindElements(By.CssSelector("input[name=person]")).Single(r => r.FindElement(By.XPath("..")).Text.Contains(person)).Click();
        browser.Driver.FindElement(By.CssSelector($"input[name=level][value='{level}']")).Click();
        browser.Press("Đăng nhập");
        browser.Wait(30).Until(d => d.Url.Contains("/ho-so-cua-toi", StringComparison.Ordinal));
        Assert.NotNull(browser.Driver.Manage().Cookies.GetCookieNamed("motcua.auth"));
    }

    // ---- helpers ----

    /// <summary>Signs in as the citizen and submits a birth registration with one PDF; returns the dossier code.</summary>
    private static string SubmitOnline(Infrastructure.Browser browser, string childName, bool phone = false)
    {
        SignIn(browser, "citizen");
        browser.Open("/thu-tuc/" + BirthRegistration);
        browser.Press("Nộp hồ sơ trực tuyến");
        WaitForStep(browser, "1. Điền thông tin");
        FillBirthRegistration(browser, childName);
        if (phone) Shot(browser, "submit-step1-360");
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
        browser.Field("Giấy chứng sinh").SendKeys(Pdf());
        if (phone) Shot(browser, "submit-step2-360");
        browser.Press("Nộp hồ sơ");
        WaitForText(browser, "Hồ sơ của bạn đã được tiếp nhận");
        if (phone) Shot(browser, "receipt-360");
        var code = browser.Text("#dossier-code");
        Assert.Matches(DossierCode(), code);
        return code;
    }

    private static void FillBirthRegistration(Infrastructure.Browser browser, string childName, string idNumber = IdNumber)
    {
        browser.Select("Xã, phường, đặc khu", ThoiSon);
        browser.Fill("Số định danh cá nhân (CCCD)", idNumber);
        SetDate(browser, "Ngày sinh", "1985-03-12");
        browser.Fill("Số điện thoại", "0912345678");
        browser.Fill("Họ, chữ đệm, tên của trẻ", childName);
        SetDate(browser, "Ngày, tháng, năm sinh của trẻ", DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd"));
        browser.Select("Giới tính của trẻ", "Nam");
        browser.Fill("Dân tộc của trẻ", "Kinh");
        browser.Fill("Nơi sinh của trẻ", "Bệnh viện Đa khoa tỉnh An Giang");
        browser.Fill("Quê quán của trẻ", "Phường Thới Sơn, tỉnh An Giang");
        browser.Select("Quan hệ của người đi đăng ký", "Mẹ");
    }

    /// <summary>A date input is typed in the browser's locale format; setting its value is the same for every locale.</summary>
    private static void SetDate(Infrastructure.Browser browser, string label, string isoDate) =>
        browser.Driver.ExecuteScript("arguments[0].value = arguments[1];", browser.Field(label), isoDate);

    private static string Pdf(string name = "giay-chung-sinh.pdf") => Files.PdfOnDisk(name);

    /// <summary>
    /// Signs in through the sign-in page and makes sure the sign-in cookie is there. Unlike the shared helper it does not
    /// rely on the redirect: whatever page answers the post, the cookie decides.
    /// </summary>
    private static void SignIn(Infrastructure.Browser browser, string userName)
    {
        browser.Open("/dang-nhap");
        browser.Fill("Tên đăng nhập", userName);
        browser.Fill("Mật khẩu", BrowserApp.Password);
        browser.Field("Mật khẩu").SendKeys(Keys.Enter);
        var wait = browser.Wait();
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        wait.Until(d => d.FindElements(By.Id("password")).Count == 0);
        if (browser.Driver.Manage().Cookies.GetCookieNamed("motcua.auth") is null) browser.Open("/");
        wait.Message = $"not signed in as {userName}";
        wait.Until(d => d.Manage().Cookies.GetCookieNamed("motcua.auth") is not null);
    }

    private static void WaitForText(Infrastructure.Browser browser, string text, int seconds = 10) => browser.WaitForText(text, seconds);

    /// <summary>A new birth registration form, filled for <paramref name="childName"/>, at its review step.</summary>
    private static void ReviewBirthRegistration(Infrastructure.Browser browser, string childName)
    {
        browser.Open("/nop-ho-so/" + BirthRegistration);
        FillBirthRegistration(browser, childName);
        browser.Press("Tiếp tục");
        WaitForStep(browser, "2. Kiểm tra và đính kèm giấy tờ");
    }

    /// <summary>
    /// Waits until the submission form is at that step. Every step's name is always on the page (the list of steps), so
    /// waiting for the text alone would go on while the previous step is still shown.
    /// </summary>
    private static void WaitForStep(Infrastructure.Browser browser, string step)
    {
        var wait = browser.Wait();
        wait.Message = $"the form did not reach '{step}'";
        wait.Until(d => d.FindElement(By.CssSelector("ol.steps li[aria-current=step]")).Text.Trim() == step);
    }

    private static void AssertFitsTheScreen(Infrastructure.Browser browser)
    {
        var inner = Convert.ToInt32(browser.Driver.ExecuteScript("return window.innerWidth;"));
        var scrollWidth = Convert.ToInt32(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth;"));
        Assert.True(scrollWidth <= inner, $"{browser.Url} is {scrollWidth}px wide on a {inner}px screen");
    }

    /// <summary>Full-page screenshots for people to look at, when MOTCUA_PORTAL_SHOTS names a folder.</summary>
    private static void Shot(Infrastructure.Browser browser, string name)
    {
        if (Environment.GetEnvironmentVariable("MOTCUA_PORTAL_SHOTS") is { Length: > 0 } dir)
            browser.Screenshot(Path.Combine(dir, name + ".png"), maxHeight: 6000);
    }
}
