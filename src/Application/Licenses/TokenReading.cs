using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;

namespace KeyBox.Application.Licenses;

internal static class TokenReading
{
    public const string NotAssigned = "License is invalid or not assigned to you.";

    public static async Task<LicenseTokenClaims> ReadRequiredAsync(this ILicenseTokenService tokens, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new DomainException(ErrorCodes.LicenseDataInvalid, NotAssigned);
        }

        return await tokens.ReadAsync(token.Trim(), cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseDataInvalid, NotAssigned);
    }
}
