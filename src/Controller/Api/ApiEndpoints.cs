using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HydroOxygen.Controller.Api;

/// <summary>The local HTTP API and dashboard of DESIGN §3.4 (registered by the host).</summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddControllerApi(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapControllerApi(this WebApplication app) => app;
}
