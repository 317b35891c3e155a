using System.Globalization;
using System.Text;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Revenue;

/// <summary>
/// A partner's revenue per month and currency, summed from the ledger: for its administrators, its API clients with
/// <c>billing:read</c> and platform administrators; as the <c>partnerRevenue</c> query and as a CSV download.
/// </summary>
public sealed class RevenueReport(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock)
{
    public const string ReadScope = "billing:read";
    public const string CsvPath = "/billing/partners/{partnerId:guid}/revenue.csv";

    /// <summary>The longest report: three years of months.</summary>
    private const int MostMonths = 36;

    public async Task<IReadOnlyList<RevenueMonth>> OfPartnerAsync(string rawPartnerId, string? from, string? to, Caller caller, CancellationToken cancellationToken)
    {
        var partnerId = Ids.Parse(rawPartnerId, "partnerId");
        Authorize(partnerId, caller);
        var (start, end) = Period(from, to) ?? throw GraphQLErrors.BadUserInput(
            $"from and to are months as YYYY-MM, from not after to, at most {MostMonths} months; by default the last 12 months.");
        return await MonthsAsync(partnerId, start, end, cancellationToken);
    }

    /// <summary><c>GET /billing/partners/{partnerId}/revenue.csv?from=YYYY-MM&amp;to=YYYY-MM</c>: the same months as a spreadsheet.</summary>
    public async Task<IResult> CsvAsync(Guid partnerId, string? from, string? to, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in to download a partner's revenue.");
        }

        if (!PartnerStaff.Includes(caller, partnerId, ReadScope))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A partner's revenue is for its administrators and its API clients with billing:read.");
        }

        if (Period(from, to) is not { } period)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid period",
                detail: $"from and to are months as YYYY-MM, from not after to, at most {MostMonths} months; by default the last 12 months.");
        }

        var csv = new StringBuilder("month,currency,payments,gross,refunds,refunded,net,partner_share\r\n");
        foreach (var month in await MonthsAsync(partnerId, period.Start, period.End, cancellationToken))
        {
            // Minor units in the money columns, as everywhere in the API: a spreadsheet divides, nothing is rounded here.
            csv.Append(CultureInfo.InvariantCulture,
                $"{month.Month},{month.Currency},{month.Payments},{month.Gross},{month.RefundCount},{month.Refunds},{month.Net},{month.PartnerShare}\r\n");
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8",
            $"revenue-{partnerId}-{period.Start:yyyy-MM}-{period.End.AddMonths(-1):yyyy-MM}.csv");
    }

    private async Task<List<RevenueMonth>> MonthsAsync(Guid partnerId, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Ledger.AsNoTracking()
            .Where(e => e.PartnerId == partnerId && e.OccurredAt >= start && e.OccurredAt < end)
            .GroupBy(e => new { e.OccurredAt.Year, e.OccurredAt.Month, e.Currency })
            .Select(g => new
            {
                g.Key.Year, g.Key.Month, g.Key.Currency,
                Gross = g.Where(e => e.Kind == LedgerEntryKind.Payment).Sum(e => e.Amount),
                Refunds = -g.Where(e => e.Kind == LedgerEntryKind.Refund).Sum(e => e.Amount),
                Share = g.Sum(e => e.PartnerShareAmount),
                Payments = g.Count(e => e.Kind == LedgerEntryKind.Payment),
                RefundCount = g.Count(e => e.Kind == LedgerEntryKind.Refund),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Year).ThenBy(r => r.Month).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .Select(r => new RevenueMonth($"{r.Year:D4}-{r.Month:D2}", r.Currency, r.Gross, r.Refunds, r.Share, r.Payments, r.RefundCount))];
    }

    private static void Authorize(Guid partnerId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to see a partner's revenue.");
        }

        if (!PartnerStaff.Includes(caller, partnerId, ReadScope))
        {
            throw GraphQLErrors.Forbidden("A partner's revenue is for its administrators and its API clients with billing:read.");
        }
    }

    /// <summary>The first instant of <paramref name="from"/> and of the month after <paramref name="to"/>; null when they make no period.</summary>
    private (DateTime Start, DateTime End)? Period(string? from, string? to)
    {
        var today = clock.GetUtcNow().UtcDateTime;
        var last = to is null ? new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc) : Month(to);
        var first = from is null ? last?.AddMonths(-11) : Month(from);
        if (first is not { } start || last is not { } end || start > end || end >= start.AddMonths(MostMonths))
        {
            return null;
        }

        return (start, end.AddMonths(1));
    }

    private static DateTime? Month(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
            ? DateTime.SpecifyKind(month, DateTimeKind.Utc)
            : null;
}
