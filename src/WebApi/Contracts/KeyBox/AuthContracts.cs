using System.Text.Json.Serialization;
using KeyBox.Application.Accounts;
using KeyBox.Application.Accounts.Commands.LogIn;
using KeyBox.WebApi.Http.Security;

namespace KeyBox.WebApi.Contracts.KeyBox;

/// <summary><c>POST /auth/signup</c>. Note <c>confirm_password</c>: the KeyBox clients send it in snake_case.</summary>
public sealed record SignUpRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("confirm_password")] string? ConfirmPassword);

/// <summary><c>POST /auth/login</c>.</summary>
public sealed record LogInRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password);

/// <summary>An account: <c>role</c> is <c>ADMIN</c> or <c>DEVELOPER</c>.</summary>
public sealed record UserResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt)
{
    public static UserResource From(UserDto user) => new(user.Id, user.Name, user.Email, KeyBoxClaims.RoleOf(user.Role), user.CreatedAt);
}

/// <summary>A bearer token: send it as <c>Authorization: Bearer &lt;token&gt;</c> until <c>expiresAt</c> (ISO 8601, UTC).</summary>
public sealed record LogInResource(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("userId")] Guid UserId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt)
{
    public static LogInResource From(LogInResult result) => new(result.Token, result.UserId, KeyBoxClaims.RoleOf(result.Role), result.ExpiresAt);
}
