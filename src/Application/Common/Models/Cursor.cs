using System.Buffers.Text;
using System.Globalization;
using System.Text;
using KeyBox.Application.Common.Exceptions;

namespace KeyBox.Application.Common.Models;

/// <summary>
/// Keyset cursors: the sort key of the last item of a page, base64url-encoded, so that the next page is an
/// index range scan whatever its depth.
/// </summary>
public static class Cursor
{
    public static string Encode(Guid id) => Base64Url.EncodeToString(id.ToByteArray(bigEndian: true));

    public static Guid? DecodeId(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length == 16)
            {
                return new Guid(bytes, bigEndian: true);
            }
        }
        catch (FormatException)
        {
        }

        throw ValidationException.For("cursor", "The cursor is invalid.");
    }

    public static string EncodeText(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    public static string? DecodeText(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw ValidationException.For("cursor", "The cursor is invalid.");
        }
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
