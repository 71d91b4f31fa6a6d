namespace EventDb.Export;

/// <summary>A run could not be exported: a value its column's Parquet type cannot hold, a child row without its base row, ...</summary>
public sealed class ExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public ExportException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ExportException()
    {
    }
}
