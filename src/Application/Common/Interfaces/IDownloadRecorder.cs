using KeyBox.Domain.Downloads;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>Records downloads without making the download wait: implementations queue and write in batches.</summary>
public interface IDownloadRecorder
{
    void Record(Download download);
}
