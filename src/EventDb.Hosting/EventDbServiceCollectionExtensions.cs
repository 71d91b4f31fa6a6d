using EventDb;
using EventDb.Hosting;
using Microsoft.Extensions.Logging;

// In the container's own namespace, as the framework's Add* methods are: services.AddEventDb needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers EventDb's <see cref="EventLogger"/> in a .NET Generic Host.</summary>
public static class EventDbServiceCollectionExtensions
{
    private const string LoggerCategory = "EventDb";

    /// <summary>
    /// Registers <see cref="EventLogger"/> as a singleton opened with <paramref name="options"/> when the host starts,
    /// flushed when the host stops, and disposed once every hosted service has stopped.
    /// </summary>
    /// <param name="services">The container to add to.</param>
    /// <param name="options">
    /// Where and how the logger writes. Without <see cref="EventLoggerOptions.Logger"/>, the container's
    /// <see cref="ILoggerFactory"/> (when it has one) gives the logger an <see cref="ILogger"/> with category <c>EventDb</c>.
    /// </param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="EventLogger"/> is already registered (AddEventDb was called twice).</exception>
    /// <remarks>
    /// The file is opened when the host resolves its hosted services at start (or earlier, by whatever resolves
    /// <see cref="EventLogger"/> first), so a bad path, a file that is not a database or a schema mismatch fails
    /// <c>StartAsync</c> with the <see cref="EventDbException"/>. A container that never resolves the logger never opens
    /// the file; a container disposed without the host having stopped disposes the logger, which writes everything added.
    /// </remarks>
    public static IServiceCollection AddEventDb(this IServiceCollection services, EventLoggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddEventDb(_ => options);
    }

    /// <summary>
    /// Registers <see cref="EventLogger"/> as a singleton opened, when the host starts, with the options that
    /// <paramref name="optionsFactory"/> builds from the container; flushed when the host stops and disposed once every
    /// hosted service has stopped.
    /// </summary>
    /// <param name="services">The container to add to.</param>
    /// <param name="optionsFactory">
    /// Builds the options when the logger is opened, for instance from configuration. Without
    /// <see cref="EventLoggerOptions.Logger"/>, the container's <see cref="ILoggerFactory"/> (when it has one) gives the
    /// logger an <see cref="ILogger"/> with category <c>EventDb</c>.
    /// </param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="EventLogger"/> is already registered (AddEventDb was called twice).</exception>
    /// <remarks>When the file opens and closes, and what a failure to open does: see <see cref="AddEventDb(IServiceCollection, EventLoggerOptions)"/>.</remarks>
    public static IServiceCollection AddEventDb(this IServiceCollection services, Func<IServiceProvider, EventLoggerOptions> optionsFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(optionsFactory);
        // One file has one writer: a second registration would either be ignored silently or replace the first.
        if (services.Any(d => !d.IsKeyedService && d.ServiceType == typeof(EventLogger)))
            throw new InvalidOperationException("An EventLogger is already registered: AddEventDb may be called once per container.");

        services.AddSingleton(provider => EventLogger.Open(WithLogger(
            optionsFactory(provider) ?? throw new InvalidOperationException("The AddEventDb options factory returned null."),
            provider)));
        services.AddHostedService<EventLoggerLifetime>();
        return services;
    }

    private static EventLoggerOptions WithLogger(EventLoggerOptions options, IServiceProvider provider) =>
        options.Logger is null && provider.GetService<ILoggerFactory>() is { } factory
            ? options with { Logger = factory.CreateLogger(LoggerCategory) }
            : options;
}
