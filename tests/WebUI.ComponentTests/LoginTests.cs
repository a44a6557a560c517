using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Common;
using KeyBox.WebUI.Components.Pages.Account;
using KeyBox.WebUI.Components.Shared;
using KeyBox.WebUI.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebUI.ComponentTests;

public sealed class LoginTests : ConsoleComponentTest
{
    [Test]
    public void Validation_messages_are_shown_beside_their_fields()
    {
        var signIn = new FakeSignIn(FormErrors.TryFrom(new ValidationException(new Dictionary<string, string[]>
        {
            ["Email"] = ["The email is required."],
            ["Password"] = ["The password is required."],
        })));
        var login = RenderLogin(signIn);

        login.Find("form").Submit();

        Assert.That(login.Find("#email-error").TextContent, Is.EqualTo("The email is required."));
        Assert.That(login.Find("#password-error").TextContent, Is.EqualTo("The password is required."));
        Assert.That(login.Find("#email").GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(login.FindAll("[role=alert]"), Is.Empty, "no general message");
    }

    [Test]
    public void Refused_credentials_are_one_general_message_and_no_navigation()
    {
        var signIn = new FakeSignIn(FormErrors.TryFrom(new DomainException(ErrorCodes.Unauthorized, "Invalid email or password.")));
        var login = RenderLogin(signIn);
        login.Find("#email").Change("admin@keybox.test");
        login.Find("#password").Change("wrong");

        login.Find("form").Submit();

        Assert.That(signIn.Email, Is.EqualTo("admin@keybox.test"));
        Assert.That(signIn.Password, Is.EqualTo("wrong"));
        Assert.That(login.Find("[role=alert]").TextContent.Trim(), Is.EqualTo("Invalid email or password."));
        Assert.That(login.FindAll(".kb-field-error"), Is.Empty);
        Assert.That(login.Find("#password").GetAttribute("value"), Is.Null.Or.Empty, "the refused password is not written back");
        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Is.EqualTo("http://localhost/"));
    }

    [Test]
    public void A_successful_login_goes_to_the_return_url_inside_the_console()
    {
        var login = RenderLogin(new FakeSignIn(null), returnUrl: "/admin/products");

        login.Find("form").Submit();

        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Is.EqualTo("http://localhost/admin/products"));
    }

    [TestCase(null, "/admin/")]
    [TestCase("/admin/products?page=2", "/admin/products?page=2")]
    [TestCase("https://evil.example/admin", "/admin/")]
    [TestCase("//evil.example/admin", "/admin/")]
    [TestCase("/\\evil.example", "/admin/")]
    [TestCase("/api/internal/products", "/admin/")]
    [TestCase("/administrator", "/admin/")]
    public void Only_a_console_path_is_a_return_url(string? returnUrl, string expected) =>
        Assert.That(Login.LocalReturnUrl("/admin", returnUrl), Is.EqualTo(expected));

    private IRenderedComponent<Login> RenderLogin(FakeSignIn signIn, string? returnUrl = null)
    {
        Context.Services.AddSingleton<IConsoleSignIn>(signIn);
        var http = new DefaultHttpContext();
        http.Request.PathBase = "/admin";
        if (returnUrl is not null)
        {
            Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        return Context.Render<Login>(parameters => parameters.AddCascadingValue(http));
    }

    private sealed class FakeSignIn(FormErrors? result) : IConsoleSignIn
    {
        public string? Email { get; private set; }

        public string? Password { get; private set; }

        public Task<FormErrors?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
        {
            Email = email;
            Password = password;
            return Task.FromResult(result);
        }
    }
}
