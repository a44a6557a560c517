using System.Globalization;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Usage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Stats.Queries.GetDailyStats;

/// <summary>
/// Verifications, activations, deactivations and downloads per UTC day, of the caller's products (an ADMIN: every
/// product), optionally of one product. <c>from</c> / <c>to</c> are ISO dates (<c>2026-01-31</c>), both included; by default
/// the last 30 days up to today; at most <see cref="MaxDays"/> days. Every day of the period is listed, zero or not. The
/// counts are kept in memory and added to the database in batches (<c>Stats:FlushSeconds</c>), so the last few
/// seconds may not be in yet.
/// </summary>
public sealed record GetDailyStatsQuery(string? From = null, string? To = null, string? ProductReferenceId = null) : IQuery<IReadOnlyList<DailyStatsDto>>;

public sealed record DailyStatsDto(DateOnly Date, long Verifications, long Activations, long Deactivations, long Downloads);

public sealed class GetDailyStatsQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<GetDailyStatsQuery, IReadOnlyList<DailyStatsDto>>
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public async ValueTask<IReadOnlyList<DailyStatsDto>> Handle(GetDailyStatsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = Period(query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var usage = store.DailyUsage.Where(u => u.Day >= from && u.Day <= to);
        if (!string.IsNullOrWhiteSpace(query.ProductReferenceId))
        {
            var reference = query.ProductReferenceId.Trim();
            var productId = await store.Products.Where(p => p.ReferenceId == reference).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException(ErrorCodes.ProductNotFound, "The product was not found.");
            usage = usage.Where(u => u.ProductId == productId);
        }

        var sums = await usage
            .GroupBy(u => new { u.Day, u.Kind })
            .Select(g => new { g.Key.Day, g.Key.Kind, Count = g.Sum(u => u.Count) })
            .ToListAsync(cancellationToken);
        var byDay = sums.ToLookup(s => s.Day);
        var days = new List<DailyStatsDto>(to.DayNumber - from.DayNumber + 1);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var counts = byDay[day].ToDictionary(s => s.Kind, s => s.Count);
            days.Add(new DailyStatsDto(
                day,
                counts.GetValueOrDefault(UsageKind.Verification),
                counts.GetValueOrDefault(UsageKind.Activation),
                counts.GetValueOrDefault(UsageKind.Deactivation),
                counts.GetValueOrDefault(UsageKind.Download)));
        }

        return days;
    }

    internal static (DateOnly From, DateOnly To) Period(GetDailyStatsQuery query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var to = ParseDay(query.To, "to", errors) ?? today;
        var from = ParseDay(query.From, "from", errors) ?? to.AddDays(-(DefaultDays - 1));
        if (errors.Count == 0)
        {
            if (from > to)
            {
                errors["to"] = ["The end of the period (to) is before its start (from)."];
            }
            else if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            {
                errors["from"] = [$"The period may span at most {MaxDays} days."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return (from, to);
    }

    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
        {
            return day;
        }

        errors[field] = [$"The {field} value must be a date as yyyy-MM-dd (e.g. 2026-01-31)."];
        return null;
    }
}
