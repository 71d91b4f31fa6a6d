using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventDb.Hosting.Tests;

/// <summary>A real Generic Host without the defaults' configuration files and console logging.</summary>
internal static class TestHost
{
    public static IHost Build(string contentRoot, Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot });
        configure(builder.Services);
        return builder.Build();
    }
}
