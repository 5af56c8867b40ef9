namespace Rekindle.Core.Events;

/// <summary>
/// Size limits of the ingestion API. The defaults are Segment's: 32 KB per message, 500 KB per batch
/// request; clients written for Segment already split their batches to fit them.
/// </summary>
public sealed record IngestionLimits(int MaxMessageBytes = 32 * 1024, int MaxBatchBytes = 500 * 1024)
{
    public static IngestionLimits Default { get; } = new();
}
