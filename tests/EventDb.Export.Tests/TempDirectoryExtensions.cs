using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Export.Tests;

/// <summary>What these tests do in their <see cref="TempDirectory"/>: write runs under runs/ and export them into corpus/.</summary>
internal static class TempDirectoryExtensions
{
    extension(TempDirectory directory)
    {
        public string Corpus => directory.File("corpus");

        public string Run(string name) => System.IO.Path.Combine(directory.Path, "runs", name);

        /// <summary>Exports <paramref name="runs"/> into <c>corpus/</c>, with Penguin's schemas unless other options are given.</summary>
        public IReadOnlyList<RunExportResult> Export(IEnumerable<string> runs, ExportOptions? options = null) =>
            CorpusExporter.ExportAsync(runs, directory.Corpus, options ?? new ExportOptions { Schemas = PenguinTables.All }).GetAwaiter().GetResult();

        /// <summary>
        /// Writes a Penguin run of <paramref name="events"/> events of the synthetic trace <paramref name="seed"/> into
        /// <c>runs/NAME/plugins.db</c> with a real EventLogger (appending when it exists), and returns the run's directory.
        /// </summary>
        public string WriteRun(string name, int seed, int events, long start = 0)
        {
            var run = directory.Run(name);
            var trace = new PenguinTrace(seed, poolSize: Math.Max(events, 1));
            using var logger = EventLogger.Open(new EventLoggerOptions { Directory = run, Tables = PenguinTables.All });
            for (long i = start; i < start + events; i++)
                trace.AddTo(logger, i);
            return run;
        }

        /// <summary>A file written by hand with SQLitePCLRaw: <paramref name="statements"/> in one transaction.</summary>
        public string WriteRawRun(string name, params string[] statements)
        {
            var run = directory.Run(name);
            Directory.CreateDirectory(run);
            var path = System.IO.Path.Combine(run, EventFile.DefaultFileName);
            Batteries_V2.Init();
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open(path, out var db));
            using (db)
            {
                foreach (var sql in new[] { "BEGIN" }.Concat(statements).Append("COMMIT"))
                    Assert.True(raw.sqlite3_exec(db, sql) == raw.SQLITE_OK, $"{sql}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
            }
            return run;
        }
    }
}
