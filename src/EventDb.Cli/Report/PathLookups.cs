namespace EventDb.Cli.Report;

/// <summary>
/// Which syscalls look up a path (so a failure with ENOENT or ENOTDIR means "looked for and not found"), and the path a
/// call looked for, read from its printable arguments.
/// </summary>
internal static class PathLookups
{
    /// <summary>The errno values that mean a path was not found: ENOENT, ENOTDIR (the same on every architecture).</summary>
    public static readonly long[] NotFoundErrnos = [-2, -20];

    // Linux syscalls whose first path argument is argument 0 or 1 (after a directory descriptor), without "sys_".
    private static readonly HashSet<string> s_names = new(StringComparer.Ordinal)
    {
        "open", "openat", "openat2", "creat", "open_tree", "stat", "stat64", "lstat", "lstat64", "newstat", "newlstat",
        "newfstatat", "fstatat64", "oldstat", "oldlstat", "statx", "access", "faccessat", "faccessat2", "execve", "execveat",
        "readlink", "readlinkat", "chdir", "chroot", "truncate", "truncate64", "statfs", "statfs64", "uselib", "unlink",
        "unlinkat", "rmdir", "rename", "renameat", "renameat2", "link", "linkat", "mkdir", "mkdirat", "mknod", "mknodat",
        "chmod", "fchmodat", "fchmodat2", "chown", "chown16", "lchown", "lchown16", "fchownat", "utime", "utimes",
        "futimesat", "utimensat", "getxattr", "lgetxattr", "listxattr", "llistxattr", "setxattr", "lsetxattr",
        "removexattr", "lremovexattr", "inotify_add_watch", "fanotify_mark", "name_to_handle_at", "swapon", "swapoff",
        "acct", "mount", "umount", "umount2", "pivot_root", "quotactl", "mq_open", "mq_unlink",
    };

    /// <summary>Whether <paramref name="syscall"/> (<c>sys_openat</c>, <c>openat</c>, <c>compat_sys_open</c>) looks up a path.</summary>
    public static bool LooksUpPath(string syscall)
    {
        int at = syscall.IndexOf("sys_", StringComparison.Ordinal);
        return s_names.Contains(at >= 0 ? syscall[(at + 4)..] : syscall);
    }

    /// <summary>
    /// The path a call looked for: the first double-quoted string in its printable arguments (Penguin writes
    /// <c>filename=0x7ffe0010("/etc/config.xml")</c>; others just <c>"/etc/config.xml"</c>), backslash escapes kept as
    /// written. Null when no argument holds one.
    /// </summary>
    public static string? PathFrom(params string?[] reprs)
    {
        foreach (var repr in reprs)
        {
            if (repr is null)
                continue;
            int open = repr.IndexOf('"', StringComparison.Ordinal);
            if (open < 0)
                continue;
            for (int i = open + 1; i < repr.Length; i++)
            {
                if (repr[i] == '\\')
                    i++;
                else if (repr[i] == '"')
                    return repr[(open + 1)..i];
            }
            return repr[(open + 1)..]; // cut short: what there is
        }
        return null;
    }
}
