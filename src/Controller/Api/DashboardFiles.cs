using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// Serves the dashboard (<c>wwwroot/</c> next to the program). The page loads nothing from
/// anywhere else, and its headers say so: a device on a clinic's network should not be talked into
/// running someone else's script.
/// </summary>
public static class DashboardFiles
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";

                // Small files on a local network: always revalidate, so an upgrade shows at once.
                headers[HeaderNames.CacheControl] = "no-cache";
            },
        });
        return app;
    }
}
