using AutoMapper;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Accounts;

public sealed record UserDto(Guid Id, string Name, string Email, UserRole Role, bool IsActive, DateTimeOffset CreatedAt);

public sealed class UserMappingProfile : Profile
{
    public UserMappingProfile() => CreateMap<User, UserDto>();
}
