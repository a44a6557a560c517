using System.Security.Claims;
using KeyBox.WebUI.Components;
using KeyBox.WebUI.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace KeyBox.WebUI;

/// <summary>
/// The admin console: Razor components (interactive server rendering) served at <c>/admin</c> by the API's process,
/// a fifth presentation surface over the same Mediator commands and queries.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Default idle timeout of a console session (sliding), in minutes: <c>Console:SessionIdleMinutes</c>.</summary>
    public const int DefaultSessionIdleMinutes = 60;

    /// <summary>
    /// The console's services. Its static assets (MudBlazor's, its own, the framework's script) are served from the
    /// build output in every environment, not only in Development: a published app has them in wwwroot, and where it
    /// has not (run from a build, as ./build.sh run and the tests do) the build's manifest points at them.
    /// </summary>
    public static WebApplicationBuilder AddKeyBoxConsole(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddKeyBoxConsole(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddKeyBoxConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddCascadingAuthenticationState();

        var idle = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Console:SessionIdleMinutes", DefaultSessionIdleMinutes)));
        services.AddAuthentication()
            .AddCookie(ConsoleAuthentication.Scheme, options => ConsoleAuthentication.Configure(options, idle));
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicies.User, policy => policy
                .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
                .RequireAuthenticatedUser())
            .AddPolicy(ConsolePolicies.Admin, policy => policy
                .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(ConsoleClaims.AdminRole));

        services.AddScoped<ConsoleUser>();
        services.AddScoped<ConsoleMediator>();
        services.AddScoped<ConsoleClient>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ConsoleClientCircuitHandler>();
        services.AddScoped<IConsoleSignIn, ConsoleSignIn>();
        return services;
    }

    /// <summary>
    /// Serves the console in its own branch of the pipeline at <c>/admin</c> (its own routing, cookie authentication,
    /// antiforgery and error page; the API's CORS, rate limits, OpenAPI and credentials do not apply there), and
    /// redirects <c>GET /</c> to it.
    /// </summary>
    public static WebApplication UseKeyBoxConsole(this WebApplication app)
    {
        app.Map(ConsoleAuthentication.PathBase, console =>
        {
            console.UseExceptionHandler("/error", createScopeForErrors: true);
            console.UseRouting();
            console.UseMiddleware<ConsoleUserMiddleware>();
            console.UseAuthorization();
            console.UseAntiforgery();
            console.UseEndpoints(endpoints =>
            {
                endpoints.MapStaticAssets();
                endpoints.MapRazorComponents<App>()
                    .AddInteractiveServerRenderMode()
                    .RequireAuthorization(ConsolePolicies.User);
                endpoints.MapPost("/logout", LogOutAsync).ExcludeFromDescription();
            });
        });

        app.MapGet("/", () => Results.Redirect(ConsoleAuthentication.PathBase)).ExcludeFromDescription();
        return app;
    }

    /// <summary>Ends the session: a POST with the form's antiforgery token (a cross-site logout is refused).</summary>
    private static async Task<IResult> LogOutAsync(HttpContext context, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException ex)
        {
            loggers.CreateLogger(typeof(ConsoleHosting)).LogWarning("Console logout refused: {Reason}", ex.Message);
            return Results.BadRequest();
        }

        await context.SignOutAsync(ConsoleAuthentication.Scheme);
        return Results.Redirect($"{context.Request.PathBase}/login");
    }
}

/// <summary>
/// On the console's branch, the request's user is the console cookie's principal, or nobody: an API key or bearer
/// token sent to <c>/admin</c> is ignored, so the console cannot be driven with the API's credentials.
/// </summary>
internal sealed class ConsoleUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ConsoleAuthentication.Scheme);
        context.User = result.Succeeded ? result.Principal : new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    }
}
