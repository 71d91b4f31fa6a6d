namespace EventDb;

/// <summary>The file's tables differ from the declared schema; nothing was written to them.</summary>
public sealed class EventDbSchemaException : EventDbException
{
    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException()
    {
    }
}
