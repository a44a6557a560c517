namespace KeyBox.WebApi.Contracts.External;

/// <summary>The external API's failure envelope: <c>is_active</c> is always present and false, <c>code</c> is machine readable.</summary>
public sealed record ExternalError(bool Status, bool IsActive, string Message, string Code, object? Data, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record ConnectionCheckResponse(bool Status, bool IsActive, string Message);
