using KeyBox.Client.Licensing;

namespace KeyBox.WebApi.IntegrationTests.Sdk;

public sealed class LicenseDataStoreTests
{
    [Test]
    public async Task The_file_store_keeps_the_token_across_instances_and_forgets_it_on_clear()
    {
        var directory = Directory.CreateTempSubdirectory("keybox-store-").FullName;
        try
        {
            var path = Path.Combine(directory, "nested", "license.dat");
            var store = new FileLicenseDataStore(path);
            Assert.That(await store.LoadAsync(), Is.Null);

            await store.SaveAsync("first-token");
            await store.SaveAsync("second-token");
            Assert.That(await new FileLicenseDataStore(path).LoadAsync(), Is.EqualTo("second-token"));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EquivalentTo(new[] { path }), "no temporary files are left");

            await store.ClearAsync();
            Assert.That(File.Exists(path), Is.False);
            Assert.That(await store.LoadAsync(), Is.Null);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task The_memory_store_keeps_the_token_until_cleared()
    {
        var store = new InMemoryLicenseDataStore();
        await store.SaveAsync("token");
        Assert.That(await store.LoadAsync(), Is.EqualTo("token"));
        await store.ClearAsync();
        Assert.That(await store.LoadAsync(), Is.Null);
    }
}
