namespace KeyBox.WebApi.Contracts.External;

/// <summary>
/// The 429 of the external API and the LicenseBox routes, exactly <c>{"status":false,"message":"Rate limit exceeded. Try
/// again later."}</c>, with <c>Retry-After</c> and the <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>,
/// <c>RateLimit-Reset</c> and <c>RateLimit-Policy</c> headers (also sent on allowed responses).
/// </summary>
public sealed record RateLimitExceededError(bool Status, string Message);
