namespace KeyBox.WebApi.Http.Errors;

/// <summary>The four HTTP surfaces; each has its own envelope and status conventions.</summary>
public enum Surface
{
    KeyBox,
    Internal,
    External,
    Legacy,
}

public static class SurfaceResolver
{
    public static Surface Of(HttpContext context) => Of(context.Request.Path);

    public static Surface Of(PathString path)
    {
        if (path.StartsWithSegments("/api/internal", StringComparison.OrdinalIgnoreCase))
        {
            return Surface.Internal;
        }

        if (path.StartsWithSegments("/api/external", StringComparison.OrdinalIgnoreCase))
        {
            return Surface.External;
        }

        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? Surface.Legacy : Surface.KeyBox;
    }
}
