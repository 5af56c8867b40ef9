namespace Rekindle.Core.Orders;

/// <summary>
/// The file cannot be imported at all: no header, or a header that lacks a column the layout needs. Bad
/// rows never throw; they are skipped and reported.
/// </summary>
public sealed class OrderCsvHeaderException : FormatException
{
    public OrderCsvHeaderException()
    {
    }

    public OrderCsvHeaderException(string message)
        : base(message)
    {
    }

    public OrderCsvHeaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
