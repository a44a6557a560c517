using KeyBox.WebUI.Components.Layout;
using KeyBox.WebUI.Security;

namespace KeyBox.WebUI.ComponentTests;

public sealed class NavMenuTests : ConsoleComponentTest
{
    [Test]
    public void An_admin_sees_the_administration_links()
    {
        Context.AddAuthorization().SetAuthorized("admin@keybox.test").SetRoles(ConsoleClaims.AdminRole);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Dashboard", "Products", "Customers", "Licenses", "Offline activation", "API keys", "Webhooks", "Activity", "Users", "Settings" }));
    }

    [Test]
    public void A_developer_sees_no_administration_link()
    {
        Context.AddAuthorization().SetAuthorized("dev@keybox.test").SetRoles(ConsoleClaims.DeveloperRole);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Dashboard", "Products", "Customers", "Licenses", "Offline activation", "API keys", "Webhooks", "Activity" }));
        Assert.That(menu.Markup, Does.Not.Contain("Administration"));
    }

    private static string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.TextContent.Trim()).ToArray();
}
