namespace EventDb.Export;

/// <summary>
/// SQL that a campaign does not run: not a query (<c>COPY ... TO</c>, <c>INSERT</c>, <c>ATTACH</c>, <c>SET</c>, ...),
/// more than one statement, none, or SQL that does not parse. Nothing of it ran.
/// </summary>
public sealed class CampaignQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CampaignQueryException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public CampaignQueryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CampaignQueryException()
    {
    }
}
