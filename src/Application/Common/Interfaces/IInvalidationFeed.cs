namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Whether this process currently receives the database's change notifications. A cache kept coherent by them
/// (e.g. API key authentications) must not be read while this is false.
/// </summary>
public interface IInvalidationFeed
{
    bool IsListening { get; }
}
