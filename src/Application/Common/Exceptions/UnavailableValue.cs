namespace KeyBox.Application.Common.Exceptions;

/// <summary>
/// Globally unique values a caller chooses (a license code, a product reference): one taken by anyone — another owner
/// or the caller — is refused with exactly the answer an ill-formed value gets (422, the same field and message), so a
/// refusal says nothing about other tenants' data. They stay globally unique because the external and legacy surfaces
/// find a license by its code alone and a product by its reference alone.
/// </summary>
public static class UnavailableValue
{
    public const string LicenseCodeField = "LicenseCode";

    public const string LicenseCodeMessage = "The license_code must be 6 to 100 letters, digits, '-', '_' or '.', and not already in use.";

    public const string ReferenceIdField = "ReferenceId";

    public const string ReferenceIdMessage = "The reference_id may contain only letters, digits, '-', '_' and '.', and must not be already in use.";

    public static ValidationException LicenseCode() => ValidationException.For(LicenseCodeField, LicenseCodeMessage);

    public static ValidationException ReferenceId() => ValidationException.For(ReferenceIdField, ReferenceIdMessage);
}
