using MotCua.Browser.Tests.Infrastructure;

namespace MotCua.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class CatalogJourneyTests(BrowserApp app)
{
    [Fact]
    public void An_unaccented_search_finds_the_birth_registration_on_a_phone_screen()
    {
        using var browser = app.OpenBrowser(360, 780);
        browser.Open("/");
        Assert.Equal("vi", browser.Find("html").GetAttribute("lang"));
        browser.Fill("Tên thủ tục", "dang ky khai sinh");
        browser.Press("Tìm kiếm");
        browser.WaitForText("Thủ tục đăng ký khai sinh");
        Assert.Contains("/thu-tuc?q=dang", browser.Url);
        // Nothing wider than the screen: the page works at 360 px.
        var inner = Convert.ToInt32(browser.Driver.ExecuteScript("return window.innerWidth;"));
        var scrollWidth = Convert.ToInt32(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth;"));
        Assert.Equal(360, inner);
        Assert.True(scrollWidth <= 360, $"page is {scrollWidth}px wide at 360px");
    }

    [Fact]
    public void The_language_switch_shows_the_catalog_in_english_and_french_and_sets_lang()
    {
        using var browser = app.OpenBrowser();
        browser.Open("/thu-tuc");
        browser.Press("English");
        browser.WaitForText("Administrative procedures");
        Assert.Equal("en", browser.Find("html").GetAttribute("lang"));
        Assert.EndsWith("/thu-tuc", browser.Url);

        browser.Press("Français");
        browser.Wait().Until(d => d.FindElement(OpenQA.Selenium.By.CssSelector("main h1")).Text == "Démarches administratives");
        Assert.Equal("fr", browser.Find("html").GetAttribute("lang"));
        browser.Press("Tiếng Việt");
        browser.Wait().Until(d => d.FindElement(OpenQA.Selenium.By.CssSelector("main h1")).Text == "Thủ tục hành chính");
        Assert.Equal("vi", browser.Find("html").GetAttribute("lang"));
    }
}
