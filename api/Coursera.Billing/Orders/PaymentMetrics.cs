using System.Diagnostics.Metrics;
using Coursera.Billing.Model;

namespace Coursera.Billing.Orders;

/// <summary>
/// Payments as the business counts them (meter <c>Coursera.Billing</c>): orders whose payment Stripe confirmed or whose
/// bank refused it, and the money paid by currency, counted once each, after the move is committed.
/// </summary>
public sealed class PaymentMetrics
{
    public const string MeterName = "Coursera.Billing";

    private readonly Counter<long> _payments;
    private readonly Counter<long> _amount;

    public PaymentMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _payments = meter.CreateCounter<long>("coursera.billing.payments", "{payment}",
            "Order payments by outcome (paid, failed) and currency.");
        _amount = meter.CreateCounter<long>("coursera.billing.payments.amount", "{minor_unit}",
            "Money paid for orders, in the currency's minor units (cents), by currency.");
    }

    public void Paid(Money price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var currency = new KeyValuePair<string, object?>("currency", price.Currency);
        _payments.Add(1, new KeyValuePair<string, object?>("outcome", "paid"), currency);
        _amount.Add(price.Amount, currency);
    }

    public void Failed(Money price)
    {
        ArgumentNullException.ThrowIfNull(price);
        _payments.Add(1, new KeyValuePair<string, object?>("outcome", "failed"), new KeyValuePair<string, object?>("currency", price.Currency));
    }
}
