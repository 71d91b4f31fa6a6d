using System.Globalization;
using EventDb;
using EventDb.HostingChild;
using EventDb.Penguin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

// A real Generic Host writing Penguin events into DIR/plugins.db from a BackgroundService until the host stops.
// ORDER registers the producer before or after AddEventDb (hosted services stop in reverse registration order).
// stdout: "ready" once the producer has added some events, then, after host.Run() returns, "added=A written=W".
// The hosting test sends SIGTERM after "ready" and checks that the file holds all A events.
if (args.Length != 2 || args[1] is not ("before" or "after"))
{
    Console.Error.WriteLine("usage: EventDb.HostingChild DIR before|after");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
// stdout is the protocol; the host's log lines ("Application is shutting down...") go to stderr.
builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

PenguinProducer? producer = null;
void AddProducer() => builder.Services.AddHostedService(sp => producer = new PenguinProducer(sp.GetRequiredService<EventLogger>()));

if (args[1] == "before")
    AddProducer();
builder.Services.AddEventDb(new EventLoggerOptions { Directory = args[0], Tables = PenguinTables.All, BufferSize = 10_000 });
if (args[1] == "after")
    AddProducer();

builder.Build().Run();

if (producer?.ExecuteTask is not { IsCompletedSuccessfully: true })
{
    Console.Error.WriteLine($"the producer did not finish cleanly: {producer?.ExecuteTask?.Exception}");
    return 1;
}
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"added={producer.Logger.AddedEvents} written={producer.Logger.WrittenEvents}"));
return 0;
