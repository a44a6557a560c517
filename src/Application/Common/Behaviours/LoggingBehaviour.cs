using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace KeyBox.Application.Common.Behaviours;

/// <summary>Logs each message's name and duration at debug level, and slow ones as warnings.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed > SlowThreshold)
        {
            logger.LogWarning("Slow message {Message} took {ElapsedMs} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Handled {Message} in {ElapsedMs} ms", typeof(TMessage).Name, elapsed.TotalMilliseconds);
        }

        return response;
    }
}
