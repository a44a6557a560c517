namespace KeyBox.Application.Common.Interfaces;

/// <summary>A slow, salted password hash (PBKDF2 via ASP.NET Core Identity).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string hash, string password);
}
