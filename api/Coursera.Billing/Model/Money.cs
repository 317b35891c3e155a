namespace Coursera.Billing.Model;

/// <summary>An amount in the currency's minor units (cents) and its ISO 4217 code, upper case.</summary>
public sealed record Money(long Amount, string Currency);
