using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// The C contender (CMax/cmax.c): the engine's best single-connection layout, compiled here with the system C compiler
/// against the libe_sqlite3 that EventDb's package ships and called in-process. <see cref="Load"/> compiles (once per
/// source and library), loads it and hands it the workload, pre-encoded, outside any measurement.
/// </summary>
internal sealed unsafe class CMaxLayout
{
    private readonly delegate* unmanaged<byte*, byte*, int, int> _open;
    private readonly delegate* unmanaged<int> _write;
    private readonly delegate* unmanaged<int> _close;
    private readonly delegate* unmanaged<byte*> _error;

    private CMaxLayout(nint library)
    {
        _open = (delegate* unmanaged<byte*, byte*, int, int>)NativeLibrary.GetExport(library, "cmax_open");
        _write = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "cmax_write");
        _close = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "cmax_close");
        _error = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(library, "cmax_error");
    }

    /// <summary>Compiles and loads the C contender and gives it the first <paramref name="events"/> workload events.</summary>
    public static CMaxLayout Load(long events)
    {
        var library = NativeLibrary.Load(Compile());
        var contender = new CMaxLayout(library);
        var load = (delegate* unmanaged<byte*, long, long, int>)NativeLibrary.GetExport(library, "cmax_load");
        var workload = Serialize(events);
        fixed (byte* bytes = workload)
            contender.Check(load(bytes, workload.Length, events), "load");
        return contender;
    }

    /// <summary>Opens a new file at <paramref name="path"/> with the contender's pragmas and creates the tables (not timed).</summary>
    /// <param name="path">The file.</param>
    /// <param name="appendIds">
    /// Whether chunks whose ids follow their table's largest id bind them as NULL (SQLite appends, as EventDb's append
    /// ids do): the best layout. Without, every id is bound.
    /// </param>
    public void Open(string path, bool appendIds)
    {
        var ddl = string.Join(";\n", Workload.CreateTableStatements()) + ";";
        fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0"))
        fixed (byte* d = Encoding.UTF8.GetBytes(ddl + "\0"))
            Check(_open(p, d, appendIds ? 1 : 0), "open");
    }

    /// <summary>Writes every loaded event, one transaction per 100,000: BEGIN..COMMIT only, the part the issue times.</summary>
    public void Write() => Check(_write(), "write");

    /// <summary>Closes the connection (its WAL checkpoint is not timed).</summary>
    public void Close() => Check(_close(), "close");

    private void Check(int rc, string what)
    {
        if (rc != 0)
            throw new InvalidOperationException($"cmax {what}: {Marshal.PtrToStringUTF8((nint)_error())}");
    }

    /// <summary>
    /// The workload in the layout cmax_load reads: per event its kind, proc_id and procname, then the child's columns;
    /// text as an int32 length (-1: NULL) and UTF-8 bytes, nullable integers as a presence byte and an int64.
    /// </summary>
    private static byte[] Serialize(long events)
    {
        using var stream = new MemoryStream();
        using var output = new BinaryWriter(stream);
        var trace = Workload.Trace;
        var pool = new Workload.PoolIndices(0);
        for (long n = 0; n < events; n++)
        {
            int i = pool.Next();
            var kind = trace.KindAt(i);
            output.Write((byte)kind);
            switch (kind)
            {
                case PenguinTrace.Kind.Syscall:
                    ref readonly var s = ref trace.SyscallAt(i);
                    Base(output, s.Procname, s.ProcId);
                    Text(output, s.Name);
                    Integer(output, s.Retno);
                    Text(output, s.RetnoRepr);
                    foreach (var (arg, repr) in new[] { (s.Arg0, s.Arg0Repr), (s.Arg1, s.Arg1Repr), (s.Arg2, s.Arg2Repr), (s.Arg3, s.Arg3Repr), (s.Arg4, s.Arg4Repr), (s.Arg5, s.Arg5Repr) })
                    {
                        Integer(output, arg is { } a ? unchecked((long)a) : null);
                        Text(output, repr);
                    }
                    break;
                case PenguinTrace.Kind.Read:
                    ref readonly var r = ref trace.ReadAt(i);
                    Base(output, r.Procname, r.ProcId);
                    Io(output, r.Fd, r.Fname, r.Buffer);
                    break;
                default:
                    ref readonly var w = ref trace.WriteAt(i);
                    Base(output, w.Procname, w.ProcId);
                    Io(output, w.Fd, w.Fname, w.Buffer);
                    break;
            }
        }
        output.Flush();
        return stream.ToArray();
    }

    // A null procname is stored as the column's default, as EventDb stores it.
    private static void Base(BinaryWriter output, string? procname, long procId)
    {
        output.Write(procId);
        Text(output, procname ?? "[?]");
    }

    private static void Io(BinaryWriter output, long fd, string? fname, byte[]? buffer)
    {
        output.Write(fd);
        Text(output, fname);
        Bytes(output, buffer);
    }

    private static void Text(BinaryWriter output, string? text) => Bytes(output, text is null ? null : Encoding.UTF8.GetBytes(text));

    private static void Bytes(BinaryWriter output, byte[]? bytes)
    {
        output.Write(bytes is null ? -1 : bytes.Length);
        if (bytes is not null)
            output.Write(bytes);
    }

    private static void Integer(BinaryWriter output, long? value)
    {
        output.Write(value.HasValue ? (byte)1 : (byte)0);
        output.Write(value.GetValueOrDefault());
    }

    /// <summary>Compiles CMax/cmax.c (embedded) into a shared library linked to the package's libe_sqlite3, once per source and library.</summary>
    private static string Compile()
    {
        var sqlite = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libe_sqlite3.so");
        if (!File.Exists(sqlite))
            throw new InvalidOperationException($"The C contender links the package's libe_sqlite3, which is not at {sqlite}.");
        using var resource = typeof(CMaxLayout).Assembly.GetManifestResourceStream("cmax.c")
            ?? throw new InvalidOperationException("cmax.c is not embedded in the benchmark assembly.");
        using var reader = new StreamReader(resource);
        string source = reader.ReadToEnd();
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source + sqlite)))[..16];
        var dir = Path.Combine(Path.GetTempPath(), "eventdb-bench");
        Directory.CreateDirectory(dir);
        var library = Path.Combine(dir, $"libcmax-{hash}.so");
        if (File.Exists(library))
            return library;
        var sourcePath = Path.Combine(dir, $"cmax-{hash}-{Environment.ProcessId}.c");
        var partial = library + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(sourcePath, source);
        var compiler = Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "cc";
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-O2", "-shared", "-fPIC", "-o", partial, sourcePath, sqlite, "-Wl,-rpath," + Path.GetDirectoryName(sqlite) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the C compiler '{compiler}'.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(sourcePath);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{compiler}' failed to compile cmax.c ({process.ExitCode}): {stderr.Result}");
        File.Move(partial, library, overwrite: true);
        return library;
    }
}
