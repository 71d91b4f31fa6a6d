using DuckDB.NET.Data;

namespace EventDb.Export.Internals;

/// <summary>
/// Keeps a campaign's DuckDB inside its corpus: set on a new connection before anything runs, then locked
/// (<c>lock_configuration</c>), so a query cannot set any of it back (<see cref="QueryGuard"/> refuses <c>SET</c> too).
/// Without it a plain query could read any file (<c>read_text('/etc/shadow')</c>, <c>glob('/root/*')</c>), reach the
/// network, and install extensions from it into <c>~/.duckdb</c>.
/// </summary>
internal static class CampaignSandbox
{
    /// <param name="connection">A connection to a new in-memory database, on which nothing has run.</param>
    /// <param name="readable">The corpus and the allowed paths, full paths: directories (read with everything under them) and files.</param>
    /// <param name="tempDirectory">The campaign's own directory, where DuckDB spills (by default it would use <c>.tmp</c> in the current directory).</param>
    /// <param name="memoryLimit">DuckDB's <c>memory_limit</c>, or null for its default.</param>
    public static void Apply(DuckDBConnection connection, IEnumerable<string> readable, string tempDirectory, string? memoryLimit)
    {
        var directories = readable.Where(Directory.Exists).Select(d => Path.TrimEndingDirectorySeparator(d) + Path.DirectorySeparatorChar);
        var files = readable.Where(p => !Directory.Exists(p));
        string[] settings =
        [
            // No extension is installed or loaded behind a query's back (the JSON and Parquet readers are built in).
            "autoinstall_known_extensions = false",
            "autoload_known_extensions = false",
            "allow_community_extensions = false",
            // No secrets are looked for in ~/.duckdb/stored_secrets.
            "allow_persistent_secrets = false",
            "temp_directory = " + DuckSql.Literal(tempDirectory),
            .. memoryLimit is null ? Array.Empty<string>() : ["memory_limit = " + DuckSql.Literal(memoryLimit)],
            // Set before external access is off, which fixes them. DuckDB resolves symbolic links and '..' in both.
            "allowed_directories = " + DuckSql.List(directories),
            "allowed_paths = " + DuckSql.List(files),
            // Files outside those paths, any URL (http, s3), ATTACH, INSTALL and LOAD are refused from here on.
            "enable_external_access = false",
            "lock_configuration = true",
        ];
        foreach (var setting in settings)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SET " + setting;
            command.ExecuteNonQuery();
        }
    }
}
