using System.Net;
using System.Text;
using MotCua.Browser.Tests.Infrastructure;
using OpenQA.Selenium;

namespace MotCua.Browser.Tests;

/// <summary>
/// The old civil-status books in a real browser: an officer searches a name with and without accents (exact spelling
/// first), opens the entry, and receives the extract dossier started from it at the counter; the entry then lists it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RegisterJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_officer_finds_an_old_entry_with_or_without_accents_opens_it_and_starts_the_extract_dossier()
    {
        // Two spellings of one folded name, in a book of the officer's ward; the book number keeps this run's entries apart.
        var book = "B" + Guid.NewGuid().ToString("N")[..8];
        var csv = "kind,unit_code,book_number,year,page,entry_number,registered_on,full_name,date_of_birth,sex,place_of_birth,father_name,mother_name,spouse_name,notes,scan_ref\n" +
                  $"khai sinh,,{book},1958,3,11,12/05/1958,Hà Thị Xuân Đào,02/05/1958,nữ,Thới Sơn,Hà Văn Lộc,Lâm Thị Mỹ,,,\n" +
                  $"khai sinh,,{book},1958,3,12,12/05/1958,Hạ Thị Xuân Dao,1958,nữ,,,,,,\n";
        using (var api = await Api.SignInAsync(app, "officer"))
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "so-khai-sinh-1958.csv");
            form.Add(new StringContent(Api.ThoiSon), "unitCode");
            var response = await api.PostAsync("/api/v1/registers/imports", form);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        using var browser = app.OpenBrowser();
        browser.SignIn("officer");
        browser.Open("/so-ho-tich");

        // Without accents, in capitals: both entries, each shown as an exact match without accents.
        browser.Fill("Họ, chữ đệm, tên", "HA THI XUAN DAO");
        browser.Field("Họ, chữ đệm, tên").SendKeys(Keys.Enter);
        browser.WaitForText("2 kết quả trên trang này");
        Assert.Equal(["Hà Thị Xuân Đào", "Hạ Thị Xuân Dao"], ResultNames(browser));
        Assert.All(browser.FindAll("#register-results .match"), m => Assert.Equal("đúng họ tên (không dấu)", m.Text));

        // With the accents of the second one: it comes first, as the exact name.
        browser.Fill("Họ, chữ đệm, tên", "Hạ Thị Xuân Dao");
        browser.Field("Họ, chữ đệm, tên").SendKeys(Keys.Enter);
        browser.Wait().Until(_ => ResultNames(browser).FirstOrDefault() == "Hạ Thị Xuân Dao");
        Assert.Equal(["Hạ Thị Xuân Dao", "Hà Thị Xuân Đào"], ResultNames(browser));
        Assert.Equal("đúng họ tên", browser.Text("#register-results tbody tr:first-child .match"));

        // By the mother's name without accents ("d" finds "đ" too): the first entry only.
        browser.Open($"/so-ho-tich?parent={Uri.EscapeDataString("lam thi my")}");
        Assert.Equal(["Hà Thị Xuân Đào"], ResultNames(browser));

        // Open the entry and start the extract dossier at the counter.
        browser.Find("#register-results a").Click();
        browser.Wait().Until(d => d.Url.Contains("/so-ho-tich/muc/", StringComparison.Ordinal));
        var entryUrl = new Uri(browser.Url).AbsolutePath;
        Assert.Equal("Hà Thị Xuân Đào", browser.Text("h1"));
        var entry = browser.Text("#entry");
        Assert.Contains("Hà Văn Lộc", entry);
        Assert.Contains("Lâm Thị Mỹ", entry);
        Assert.Contains("02/05/1958", entry);

        // A missing applicant is said in place, nothing is received.
        PressStartExtract(browser);
        browser.Wait().Until(d => d.FindElements(By.CssSelector("form .error")).Count > 0);
        Assert.Contains("/so-ho-tich/muc/", browser.Url);

        browser.Fill("Họ tên người yêu cầu", "Hà Thị Xuân Đào");
        browser.Fill("Số định danh cá nhân", "091158003344");
        browser.Fill("Địa chỉ", "Thới Sơn, An Giang");
        PressStartExtract(browser);
        browser.Wait().Until(d => d.Url.Contains("/bien-nhan?moi=1", StringComparison.Ordinal));
        var code = new Uri(browser.Url).AbsolutePath.Split('/')[2];
        Assert.Contains($"Đã tiếp nhận hồ sơ {code}", browser.PageText);
        Assert.Contains("Hà Thị Xuân Đào", browser.PageText);

        // The entry lists the dossier started from it, with a link to it.
        browser.Open(entryUrl);
        Assert.Equal($"/ho-so/{code}", new Uri(browser.Find($"#entry a[href='/ho-so/{code}']").GetAttribute("href")!).AbsolutePath);
    }

    // The menu has a "Tiếp nhận hồ sơ" link too: the button of the entry's form.
    private static void PressStartExtract(Infrastructure.Browser browser)
    {
        var button = browser.Find("form[action^='/so-ho-tich/muc/'] button[type=submit]");
        Assert.Equal("Tiếp nhận hồ sơ", button.Text.Trim());
        button.Click();
    }

    private static List<string> ResultNames(Infrastructure.Browser browser) =>
        browser.FindAll("#register-results tbody th a").Select(a => a.Text.Trim()).ToList();
}
