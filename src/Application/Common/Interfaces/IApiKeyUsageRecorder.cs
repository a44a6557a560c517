namespace KeyBox.Application.Common.Interfaces;

/// <summary>Records that a key was used. Implementations batch the writes: never a write per request.</summary>
public interface IApiKeyUsageRecorder
{
    void Record(Guid apiKeyId, DateTimeOffset usedAt);
}
