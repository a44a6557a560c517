using KeyBox.Application.ApiKeys.Commands.CreateApiKey;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Infrastructure.Persistence;
using Mediator;

namespace KeyBox.WebApi.Cli;

/// <summary>
/// Command-line verbs for operators, run instead of the server:
/// <c>api-keys create --type internal|external --name NAME [--expires 2026-12-31]</c>.
/// </summary>
public static class OperatorCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "api-keys";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[1] != "create")
        {
            await Console.Error.WriteLineAsync("usage: api-keys create --type internal|external --name NAME [--expires YYYY-MM-DD]");
            return 2;
        }

        var type = Option(args, "--type") ?? "internal";
        var name = Option(args, "--name") ?? "operator";
        var expires = Option(args, "--expires");
        if (!Enum.TryParse<ApiKeyType>(type, ignoreCase: true, out var keyType))
        {
            await Console.Error.WriteLineAsync("--type must be internal or external");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KeyBoxInitialiser>().InitialiseAsync(CancellationToken.None);
        var admin = await scope.ServiceProvider.GetRequiredService<IUserRepository>().GetFirstAdminAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("No admin account exists.");
        DateTimeOffset? expiresAt = expires is null ? null : DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        scope.ServiceProvider.GetRequiredService<KeyBox.WebApi.Http.Audit.OperatorSession>().Active = true;
        var issued = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new CreateApiKeyCommand(name, keyType, expiresAt, admin.Id));
        Console.WriteLine($"Created {type} API key '{issued.ApiKey.Name}' ({issued.ApiKey.Id}):");
        Console.WriteLine(issued.PlainKey);
        Console.WriteLine("Store it now: it is not shown again.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
