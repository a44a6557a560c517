using MudBlazor;

namespace KeyBox.WebUI.Components.Layout;

/// <summary>
/// The console's colours: MudBlazor's defaults made darker where text is drawn in them (primary, success, error,
/// warning, info), so that text meets the WCAG AA contrast ratio on white and white text on them.
/// </summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            AppbarBackground = "#1f4e79",
            Secondary = "#8a1c4a",
            Success = "#1b6e20",
            Error = "#b00020",
            Warning = "#8a4b00",
            Info = "#0b5394",
            DrawerText = "rgba(0,0,0,0.87)",
            DrawerIcon = "rgba(0,0,0,0.70)",
        },
    };
}
