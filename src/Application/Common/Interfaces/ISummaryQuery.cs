namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// A query whose answer is a summary that may be a few seconds old (the dashboard): the same query by the same actor
/// scope within <c>Summaries:CacheSeconds</c> gets the same answer, computed once even when many ask at the same time.
/// Where the answer is kept is Infrastructure's business; the handler does not know. The query must be a record (its
/// value is part of the key).
/// </summary>
public interface ISummaryQuery;
