namespace EventDb.Penguin;

/// <summary>
/// Linux error numbers and their names (<c>-2</c> from a syscall is <c>ENOENT</c>), as the generic architectures define
/// them (<c>include/uapi/asm-generic/errno-base.h</c> and <c>errno.h</c>: x86, ARM, AArch64, RISC-V, PowerPC with a few
/// exceptions), plus the kernel-internal numbers a syscall hook can see (<c>ERESTARTSYS</c>, 512-530).
/// </summary>
/// <remarks>
/// 1 to 34 are the same on every architecture. MIPS, Alpha, SPARC and PA-RISC number the rest differently (on MIPS,
/// <c>ENOSYS</c> is 89, not 38): prefer the name the guest's own tracer recorded (Penguin's <c>retno_repr</c> holds
/// <c>ENOENT(No such file or directory)</c>) when there is one; <see cref="FromRepr"/> reads it.
/// </remarks>
public static class LinuxErrno
{
    private static readonly Dictionary<int, (string Name, string Description)> s_errors = new()
    {
        [1] = new("EPERM", "Operation not permitted"),
        [2] = new("ENOENT", "No such file or directory"),
        [3] = new("ESRCH", "No such process"),
        [4] = new("EINTR", "Interrupted system call"),
        [5] = new("EIO", "I/O error"),
        [6] = new("ENXIO", "No such device or address"),
        [7] = new("E2BIG", "Argument list too long"),
        [8] = new("ENOEXEC", "Exec format error"),
        [9] = new("EBADF", "Bad file number"),
        [10] = new("ECHILD", "No child processes"),
        [11] = new("EAGAIN", "Try again"),
        [12] = new("ENOMEM", "Out of memory"),
        [13] = new("EACCES", "Permission denied"),
        [14] = new("EFAULT", "Bad address"),
        [15] = new("ENOTBLK", "Block device required"),
        [16] = new("EBUSY", "Device or resource busy"),
        [17] = new("EEXIST", "File exists"),
        [18] = new("EXDEV", "Cross-device link"),
        [19] = new("ENODEV", "No such device"),
        [20] = new("ENOTDIR", "Not a directory"),
        [21] = new("EISDIR", "Is a directory"),
        [22] = new("EINVAL", "Invalid argument"),
        [23] = new("ENFILE", "File table overflow"),
        [24] = new("EMFILE", "Too many open files"),
        [25] = new("ENOTTY", "Not a typewriter"),
        [26] = new("ETXTBSY", "Text file busy"),
        [27] = new("EFBIG", "File too large"),
        [28] = new("ENOSPC", "No space left on device"),
        [29] = new("ESPIPE", "Illegal seek"),
        [30] = new("EROFS", "Read-only file system"),
        [31] = new("EMLINK", "Too many links"),
        [32] = new("EPIPE", "Broken pipe"),
        [33] = new("EDOM", "Math argument out of domain of func"),
        [34] = new("ERANGE", "Math result not representable"),
        [35] = new("EDEADLK", "Resource deadlock would occur"),
        [36] = new("ENAMETOOLONG", "File name too long"),
        [37] = new("ENOLCK", "No record locks available"),
        [38] = new("ENOSYS", "Invalid system call number"),
        [39] = new("ENOTEMPTY", "Directory not empty"),
        [40] = new("ELOOP", "Too many symbolic links encountered"),
        [42] = new("ENOMSG", "No message of desired type"),
        [43] = new("EIDRM", "Identifier removed"),
        [44] = new("ECHRNG", "Channel number out of range"),
        [45] = new("EL2NSYNC", "Level 2 not synchronized"),
        [46] = new("EL3HLT", "Level 3 halted"),
        [47] = new("EL3RST", "Level 3 reset"),
        [48] = new("ELNRNG", "Link number out of range"),
        [49] = new("EUNATCH", "Protocol driver not attached"),
        [50] = new("ENOCSI", "No CSI structure available"),
        [51] = new("EL2HLT", "Level 2 halted"),
        [52] = new("EBADE", "Invalid exchange"),
        [53] = new("EBADR", "Invalid request descriptor"),
        [54] = new("EXFULL", "Exchange full"),
        [55] = new("ENOANO", "No anode"),
        [56] = new("EBADRQC", "Invalid request code"),
        [57] = new("EBADSLT", "Invalid slot"),
        [59] = new("EBFONT", "Bad font file format"),
        [60] = new("ENOSTR", "Device not a stream"),
        [61] = new("ENODATA", "No data available"),
        [62] = new("ETIME", "Timer expired"),
        [63] = new("ENOSR", "Out of streams resources"),
        [64] = new("ENONET", "Machine is not on the network"),
        [65] = new("ENOPKG", "Package not installed"),
        [66] = new("EREMOTE", "Object is remote"),
        [67] = new("ENOLINK", "Link has been severed"),
        [68] = new("EADV", "Advertise error"),
        [69] = new("ESRMNT", "Srmount error"),
        [70] = new("ECOMM", "Communication error on send"),
        [71] = new("EPROTO", "Protocol error"),
        [72] = new("EMULTIHOP", "Multihop attempted"),
        [73] = new("EDOTDOT", "RFS specific error"),
        [74] = new("EBADMSG", "Not a data message"),
        [75] = new("EOVERFLOW", "Value too large for defined data type"),
        [76] = new("ENOTUNIQ", "Name not unique on network"),
        [77] = new("EBADFD", "File descriptor in bad state"),
        [78] = new("EREMCHG", "Remote address changed"),
        [79] = new("ELIBACC", "Can not access a needed shared library"),
        [80] = new("ELIBBAD", "Accessing a corrupted shared library"),
        [81] = new("ELIBSCN", ".lib section in a.out corrupted"),
        [82] = new("ELIBMAX", "Attempting to link in too many shared libraries"),
        [83] = new("ELIBEXEC", "Cannot exec a shared library directly"),
        [84] = new("EILSEQ", "Illegal byte sequence"),
        [85] = new("ERESTART", "Interrupted system call should be restarted"),
        [86] = new("ESTRPIPE", "Streams pipe error"),
        [87] = new("EUSERS", "Too many users"),
        [88] = new("ENOTSOCK", "Socket operation on non-socket"),
        [89] = new("EDESTADDRREQ", "Destination address required"),
        [90] = new("EMSGSIZE", "Message too long"),
        [91] = new("EPROTOTYPE", "Protocol wrong type for socket"),
        [92] = new("ENOPROTOOPT", "Protocol not available"),
        [93] = new("EPROTONOSUPPORT", "Protocol not supported"),
        [94] = new("ESOCKTNOSUPPORT", "Socket type not supported"),
        [95] = new("EOPNOTSUPP", "Operation not supported on transport endpoint"),
        [96] = new("EPFNOSUPPORT", "Protocol family not supported"),
        [97] = new("EAFNOSUPPORT", "Address family not supported by protocol"),
        [98] = new("EADDRINUSE", "Address already in use"),
        [99] = new("EADDRNOTAVAIL", "Cannot assign requested address"),
        [100] = new("ENETDOWN", "Network is down"),
        [101] = new("ENETUNREACH", "Network is unreachable"),
        [102] = new("ENETRESET", "Network dropped connection because of reset"),
        [103] = new("ECONNABORTED", "Software caused connection abort"),
        [104] = new("ECONNRESET", "Connection reset by peer"),
        [105] = new("ENOBUFS", "No buffer space available"),
        [106] = new("EISCONN", "Transport endpoint is already connected"),
        [107] = new("ENOTCONN", "Transport endpoint is not connected"),
        [108] = new("ESHUTDOWN", "Cannot send after transport endpoint shutdown"),
        [109] = new("ETOOMANYREFS", "Too many references: cannot splice"),
        [110] = new("ETIMEDOUT", "Connection timed out"),
        [111] = new("ECONNREFUSED", "Connection refused"),
        [112] = new("EHOSTDOWN", "Host is down"),
        [113] = new("EHOSTUNREACH", "No route to host"),
        [114] = new("EALREADY", "Operation already in progress"),
        [115] = new("EINPROGRESS", "Operation now in progress"),
        [116] = new("ESTALE", "Stale file handle"),
        [117] = new("EUCLEAN", "Structure needs cleaning"),
        [118] = new("ENOTNAM", "Not a XENIX named type file"),
        [119] = new("ENAVAIL", "No XENIX semaphores available"),
        [120] = new("EISNAM", "Is a named type file"),
        [121] = new("EREMOTEIO", "Remote I/O error"),
        [122] = new("EDQUOT", "Quota exceeded"),
        [123] = new("ENOMEDIUM", "No medium found"),
        [124] = new("EMEDIUMTYPE", "Wrong medium type"),
        [125] = new("ECANCELED", "Operation Canceled"),
        [126] = new("ENOKEY", "Required key not available"),
        [127] = new("EKEYEXPIRED", "Key has expired"),
        [128] = new("EKEYREVOKED", "Key has been revoked"),
        [129] = new("EKEYREJECTED", "Key was rejected by service"),
        [130] = new("EOWNERDEAD", "Owner died"),
        [131] = new("ENOTRECOVERABLE", "State not recoverable"),
        [132] = new("ERFKILL", "Operation not possible due to RF-kill"),
        [133] = new("EHWPOISON", "Memory page has hardware error"),
        [512] = new("ERESTARTSYS", "Restart the system call (kernel internal)"),
        [513] = new("ERESTARTNOINTR", "Restart the system call, not interrupted (kernel internal)"),
        [514] = new("ERESTARTNOHAND", "Restart if no handler (kernel internal)"),
        [515] = new("ENOIOCTLCMD", "No ioctl command (kernel internal)"),
        [516] = new("ERESTART_RESTARTBLOCK", "Restart by calling sys_restart_syscall (kernel internal)"),
        [517] = new("EPROBE_DEFER", "Driver requests probe retry (kernel internal)"),
        [518] = new("EOPENSTALE", "Open found a stale dentry (kernel internal)"),
        [519] = new("ENOPARAM", "Parameter not supported (kernel internal)"),
        [521] = new("EBADHANDLE", "Illegal NFS file handle (kernel internal)"),
        [522] = new("ENOTSYNC", "Update synchronization mismatch (kernel internal)"),
        [523] = new("EBADCOOKIE", "Cookie is stale (kernel internal)"),
        [524] = new("ENOTSUPP", "Operation is not supported (kernel internal)"),
        [525] = new("ETOOSMALL", "Buffer or request is too small (kernel internal)"),
        [526] = new("ESERVERFAULT", "An untranslatable error occurred (kernel internal)"),
        [527] = new("EBADTYPE", "Type not supported by server (kernel internal)"),
        [528] = new("EJUKEBOX", "Request initiated, but will not complete before timeout (kernel internal)"),
        [529] = new("EIOCBQUEUED", "iocb queued, will get completion event (kernel internal)"),
        [530] = new("ERECALLCONFLICT", "Conflict with recalled state (kernel internal)"),
    };

    /// <summary>The name of error number <paramref name="errno"/> (positive, or a syscall's negative return), or null when it has none.</summary>
    public static string? Name(long errno) => Lookup(errno)?.Name;

    /// <summary>What error number <paramref name="errno"/> means, in the kernel's words, or null when it has no name.</summary>
    public static string? Description(long errno) => Lookup(errno)?.Description;

    /// <summary>
    /// The error name at the start of a tracer's printable return value (<c>ENOENT(No such file or directory)</c>,
    /// <c>-ENOENT</c>, <c>ENOENT</c>), or null when it does not start with one.
    /// </summary>
    public static string? FromRepr(string? repr)
    {
        if (string.IsNullOrEmpty(repr))
            return null;
        var text = repr.AsSpan().TrimStart().TrimStart('-');
        int end = 0;
        while (end < text.Length && (char.IsAsciiLetterUpper(text[end]) || char.IsAsciiDigit(text[end]) || text[end] == '_'))
            end++;
        if (end < 2 || text[0] != 'E' || (end < text.Length && text[end] is not ('(' or ' ' or ':')))
            return null;
        return text[..end].ToString();
    }

    private static (string Name, string Description)? Lookup(long errno)
    {
        // Not Math.Abs: long.MinValue has no positive counterpart.
        return errno is >= -int.MaxValue and <= int.MaxValue && s_errors.TryGetValue((int)Math.Abs(errno), out var error) ? error : null;
    }
}
