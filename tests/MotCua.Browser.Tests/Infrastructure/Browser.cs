using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace MotCua.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by Debian's chromedriver (never a downloaded browser), with small helpers that
/// read like what a user does: open a page, fill a labelled field, press a button, read the text.
/// Starting Chromium is the slow part of a journey, so <see cref="BrowserApp.OpenBrowser"/> lends browsers from a pool:
/// disposing a lent browser clears its cookies and storage and gives it back instead of quitting it.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";
    private readonly string _baseUrl;
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"motcua-chromium-{Guid.NewGuid():N}");

    public Browser(string baseUrl, int width, int height)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium and ChromeDriver ({ChromiumPath}, {ChromeDriverPath}). Install them with: apt-get install -y chromium chromium-driver (./test.sh does this).");
        _baseUrl = baseUrl;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--lang=vi", $"--window-size={width},{height}", $"--user-data-dir={_profile}");
        options.AddUserProfilePreference("intl.accept_languages", "vi-VN,vi");
        // Headless windows are at least 500 px wide: narrower screens (a 360 px phone) are emulated.
        if (width < 500)
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = width, Height = height, PixelRatio = 1, EnableTouchEvents = true,
                UserAgent = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36",
            });
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        _startSize = Driver.Manage().Window.Size;
    }

    private readonly System.Drawing.Size _startSize;

    public ChromeDriver Driver { get; }

    /// <summary>Set while the browser is lent from a pool: where <see cref="Dispose"/> gives it back.</summary>
    internal Action<Browser>? GiveBack { get; set; }

    public string Url => Driver.Url;
    public string Title => Driver.Title;

    public void Open(string path) => Driver.Navigate().GoToUrl(_baseUrl + path);

    public IWebElement Find(string css) => Wait().Until(d => d.FindElement(By.CssSelector(css)));
    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));
    public string Text(string css) => Find(css).Text;
    public string PageText => Driver.FindElement(By.TagName("body")).Text;

    /// <summary>The input, select or textarea whose label says <paramref name="label"/> (the label's `for` points at it).</summary>
    public IWebElement Field(string label)
    {
        var labelElement = Wait().Until(d => d.FindElements(By.TagName("label"))
            .FirstOrDefault(l => l.Text.Trim().StartsWith(label, StringComparison.CurrentCultureIgnoreCase)));
        if (labelElement is null) throw new NoSuchElementException($"no label '{label}' on {Url}");
        var id = labelElement.GetAttribute("for");
        return id is null ? labelElement.FindElement(By.CssSelector("input,select,textarea")) : Driver.FindElement(By.Id(id));
    }

    public void Fill(string label, string value)
    {
        var field = Field(label);
        if (field.TagName == "select")
            new SelectElement(field).SelectByText(value);
        else
        {
            field.Clear();
            field.SendKeys(value);
        }
    }

    public void Select(string label, string optionText) => new SelectElement(Field(label)).SelectByText(optionText);

    /// <summary>Clicks the button or link whose visible text is <paramref name="text"/>.</summary>
    public void Press(string text)
    {
        var target = Wait().Until(d => d.FindElements(By.CssSelector("button, a, input[type=submit]"))
            .FirstOrDefault(e => e.Displayed && (e.Text.Trim() == text || e.GetAttribute("value") == text)));
        if (target is null) throw new NoSuchElementException($"no button or link '{text}' on {Url}");
        target.Click();
    }

    /// <summary>Signs in through the sign-in page.</summary>
    public void SignIn(string userName, string password = BrowserApp.Password)
    {
        Open("/dang-nhap");
        Fill("Tên đăng nhập", userName);
        Fill("Mật khẩu", password);
        // The password form's own button: when e-ID sign-in is configured its form comes first on the page.
        Wait().Until(d => d.FindElement(By.XPath("//input[@id='password']/ancestor::form//button[@type='submit']"))).Click();
        Wait().Until(d => !d.Url.Contains("/dang-nhap", StringComparison.Ordinal));
    }

    /// <summary>
    /// A wait that retries while the page is being replaced: elements of the old page go stale, and Chromium sometimes
    /// says so as an "unknown error" ("Node with given id does not belong to the document"; a fresh-clone run failed on it).
    /// </summary>
    public WebDriverWait Wait(int seconds = 10)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException), typeof(UnknownErrorException));
        return wait;
    }

    /// <summary>Waits for a text on the page, across the page change a button press starts.</summary>
    public void WaitForText(string text, int seconds = 10)
    {
        var wait = Wait(seconds);
        wait.Message = $"'{text}' did not appear";
        wait.Until(d => d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>
    /// Saves the whole page (up to <paramref name="maxHeight"/> CSS pixels high) as a PNG. Taken through the DevTools
    /// protocol, so an emulated phone screen is captured whole, not only its first screenful.
    /// </summary>
    public void Screenshot(string path, int maxHeight = 4000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var metrics = (Dictionary<string, object>)Driver.ExecuteCdpCommand("Page.getLayoutMetrics", [])!;
        var size = (Dictionary<string, object>)metrics["cssContentSize"];
        // The page's own width, but never less than the window: a capture beyond the viewport lays the page out without
        // the scrollbar, so a right-aligned header would otherwise lose its last 15 pixels.
        var width = Math.Max(Convert.ToDouble(size["width"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDouble(Driver.ExecuteScript("return window.innerWidth;"), System.Globalization.CultureInfo.InvariantCulture));
        var height = Math.Min(maxHeight, Convert.ToDouble(size["height"], System.Globalization.CultureInfo.InvariantCulture));
        var clip = new Dictionary<string, object?> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 };
        var shot = (Dictionary<string, object>)Driver.ExecuteCdpCommand("Page.captureScreenshot",
            new Dictionary<string, object?> { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip })!;
        File.WriteAllBytes(path, Convert.FromBase64String((string)shot["data"]));
    }

    /// <summary>
    /// Forgets the user: a blank page, no cookies (sign-in, language), no storage, the first window only, the size it
    /// started with. False when the browser no longer answers (it is then quit, not reused).
    /// </summary>
    internal bool TryReset()
    {
        try
        {
            foreach (var handle in Driver.WindowHandles.Skip(1))
            {
                Driver.SwitchTo().Window(handle);
                Driver.Close();
            }
            Driver.SwitchTo().Window(Driver.WindowHandles[0]);
            Driver.Navigate().GoToUrl("about:blank");
            Driver.ExecuteCdpCommand("Network.clearBrowserCookies", []);
            Driver.ExecuteCdpCommand("Storage.clearDataForOrigin", new Dictionary<string, object?> { ["origin"] = _baseUrl, ["storageTypes"] = "all" });
            if (Driver.Manage().Window.Size != _startSize) Driver.Manage().Window.Size = _startSize;
            return true;
        }
        catch (WebDriverException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (GiveBack is { } giveBack)
        {
            GiveBack = null;
            giveBack(this);
            return;
        }
        Quit();
    }

    /// <summary>Ends Chromium and chromedriver and deletes the profile.</summary>
    internal void Quit()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
