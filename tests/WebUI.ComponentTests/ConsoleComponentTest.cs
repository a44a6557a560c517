using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KeyBox.WebUI.ComponentTests;

/// <summary>A fresh bUnit context per test, with MudBlazor's services and a permissive JavaScript runtime.</summary>
public abstract class ConsoleComponentTest
{
    protected BunitContext Context { get; private set; } = null!;

    [SetUp]
    public void CreateContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    [TearDown]
    public void DisposeContext() => Context.Dispose();
}
