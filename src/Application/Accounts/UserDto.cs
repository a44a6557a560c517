using KeyBox.Domain.Accounts;
using Riok.Mapperly.Abstractions;

namespace KeyBox.Application.Accounts;

public sealed record UserDto(Guid Id, string Name, string Email, UserRole Role, bool IsActive, DateTimeOffset CreatedAt);

/// <summary><see cref="User"/> → <see cref="UserDto"/> (source-generated; a DTO member the mapping does not fill fails the build).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class UserMapper
{
    public static partial UserDto ToDto(this User user);
}
