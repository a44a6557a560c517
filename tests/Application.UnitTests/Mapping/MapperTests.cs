using System.CodeDom.Compiler;
using System.Reflection;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Products;
using KeyBox.Domain.Settings;

namespace KeyBox.Application.UnitTests.Mapping;

/// <summary>
/// The Mapperly mappers (entity → DTO). The build already fails when a DTO member has no source (RMG012 is an error);
/// these tests are the second line: every mapping method Mapperly generated is found by reflection, run on a real
/// entity whose every member is set to a distinct non-default value, and must fill every DTO member with the entity's
/// value. A member silenced with <c>[MapperIgnoreTarget]</c>, or a mapper added without an entity here, fails.
/// </summary>
public sealed class MapperTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A real entity of each type a mapper reads, made through its domain factory.</summary>
    private static readonly Dictionary<Type, Func<object>> Entities = new()
    {
        [typeof(User)] = () => User.Create("Ann", "ann@example.com", "hash", UserRole.Developer, Now),
        [typeof(ApiKey)] = () => ApiKey.Issue("CI", ApiKeyType.External, Guid.NewGuid(), Now.AddDays(30), Now).ApiKey,
        [typeof(Customer)] = () => Customer.Create(Guid.NewGuid(), "Acme", "billing@acme.test", "ACME-1", Now),
        [typeof(Product)] = () => Product.Create(Guid.NewGuid(), "PROD-1", "Name", new ProductDetails("d", "e", true, true, true), Now),
        [typeof(ServerSettings)] = () => ServerSettings.CreateDefault(Now),
    };

    private static IEnumerable<TestCaseData> MappingMethods() =>
        typeof(DependencyInjection).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "Riok.Mapperly")
            .OrderBy(m => m.DeclaringType!.Name).ThenBy(m => m.Name)
            .Select(m => new TestCaseData(m).SetArgDisplayNames($"{m.DeclaringType!.Name}_{m.Name}"));

    [Test]
    public void The_application_has_the_mappers_the_handlers_use()
    {
        var names = MappingMethods().Select(c => ((MethodInfo)c.Arguments[0]!).DeclaringType!.Name + "." + ((MethodInfo)c.Arguments[0]!).Name);

        Assert.That(names, Is.SupersetOf(new[]
        {
            "UserMapper.ToDto", "ApiKeyMapper.ToDto", "CustomerMapper.ToDto", "CustomerMapper.ProjectToDto",
            "ProductMapper.ToDto", "ProductMapper.ProjectToDto", "ServerSettingsMapper.ToDto",
        }), "the generated methods are found, so the test below runs on each of them");
    }

    [TestCaseSource(nameof(MappingMethods))]
    public void A_fully_populated_entity_fills_every_DTO_member(MethodInfo mapping)
    {
        var parameter = mapping.GetParameters().Single().ParameterType;
        var isProjection = parameter.IsGenericType && parameter.GetGenericTypeDefinition() == typeof(IQueryable<>);
        var entityType = isProjection ? parameter.GetGenericArguments()[0] : parameter;
        Assert.That(Entities.ContainsKey(entityType), Is.True, $"add a {entityType.Name} to {nameof(Entities)}");
        var entity = Populate(Entities[entityType]());

        // A projection runs its expression over one row (LINQ to Objects): the same member-by-member check.
        var dto = isProjection
            ? ((IQueryable)mapping.Invoke(null, [AsQueryable(entityType, entity)])!).Cast<object>().Single()
            : mapping.Invoke(null, [entity])!;

        Assert.Multiple(() =>
        {
            foreach (var member in dto.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var value = member.GetValue(dto);
                Assert.That(value, Is.Not.Null.And.Not.EqualTo(DefaultOf(member.PropertyType)), $"{dto.GetType().Name}.{member.Name} is not filled");
                if (entityType.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance) is { } source)
                {
                    Assert.That(value, Is.EqualTo(source.GetValue(entity)), $"{dto.GetType().Name}.{member.Name} is the entity's {member.Name}");
                }
            }
        });
    }

    /// <summary>
    /// Sets every member of the entity that has a setter (private ones too) to a distinct non-default value, so that a
    /// member the domain fills only later or from the database (<see cref="ApiKey.LastUsedAt"/>) is covered as well,
    /// and two members mapped the wrong way round differ.
    /// </summary>
    private static object Populate(object entity)
    {
        var seed = 0;
        foreach (var member in entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            seed++;
            member.SetValue(entity, SampleOf(Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType, member.Name, seed));
        }

        return entity;
    }

    private static object SampleOf(Type type, string name, int seed) => type switch
    {
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(string) => $"{name}-{seed}",
        _ when type == typeof(bool) => true,
        _ when type == typeof(int) => 1000 + seed,
        _ when type == typeof(long) => 1000L + seed,
        _ when type == typeof(DateTimeOffset) => Now.AddMinutes(seed),
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
        _ => throw new NotSupportedException($"No sample value for {type.Name} ({name}): extend {nameof(SampleOf)}."),
    };

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static IQueryable AsQueryable(Type entityType, object entity)
    {
        var array = Array.CreateInstance(entityType, 1);
        array.SetValue(entity, 0);
        return Queryable.AsQueryable(array);
    }
}
