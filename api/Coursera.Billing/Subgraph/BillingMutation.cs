using Coursera.Billing.FinancialAid;
using Coursera.Billing.Licences;
using Coursera.Billing.Offers;
using Coursera.Billing.Orders;
using Coursera.Billing.Revenue;
using Coursera.Billing.Subscriptions;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.Subgraph;

/// <summary>Selling and buying: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class BillingMutation : ObjectGraphType
{
    public BillingMutation()
    {
        Name = "Mutation";
        this.Mutation<CreateOfferPayloadType, CreateOfferInput, OfferCatalog>("createOffer",
            "Puts a course's certificate, a specialization's monthly subscription or Coursera Plus (monthly or yearly) on sale, with a price per currency (platform administrators).",
            async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<StartCheckoutPayloadType, StartCheckoutInput, Checkouts>("startCheckout",
            "Starts buying an offer: open the order's checkoutUrl (Stripe Checkout) to pay; the order is PAID, and the PAID track open, once Stripe confirms.",
            async (s, i, c, ct) => await s.StartAsync(i, c, ct));
        this.Mutation<StartSubscriptionPayloadType, StartCheckoutInput, SubscriptionCheckouts>("startSubscription",
            "Starts a subscription to a specialization or to Coursera Plus: open its checkoutUrl (Stripe Checkout); a first subscription to the specialization (or to Plus) begins with the offer's free trial. Its courses (Plus: every course) open on the PAID track once Stripe confirms.",
            async (s, i, c, ct) => await s.StartAsync(i, c, ct));
        this.Mutation<CancelSubscriptionPayloadType, CancelSubscriptionInput, Cancellations>("cancelSubscription",
            "Cancels a subscription at the end of the period already paid (a trial ends without a charge): the courses stay open until then; monthly fees are not refunded. resume: true takes it back.",
            async (s, i, c, ct) => await s.CancelAsync(i, c, ct));
        this.Mutation<RequestRefundPayloadType, RequestRefundInput, Refunds>("requestRefund",
            "Refunds a course purchase within 14 days of paying, unless its certificate was earned: the enrollment goes on on the AUDIT track, progress kept. Later, or after the certificate, it asks staff (a reason is needed): the order's refundRequestedAt is set and staff refund or decline it.",
            async (s, i, c, ct) => await s.RequestAsync(i, c, ct));
        this.Mutation<RefundOrderPayloadType, RefundOrderInput, Refunds>("refundOrder",
            "Refunds a paid order whatever its age or certificate, granting the learner's request if there is one; the reason goes to the audit trail (platform administrators).",
            async (s, i, c, ct) => await s.RefundByStaffAsync(i, c, ct));
        this.Mutation<DeclineRefundPayloadType, DeclineRefundInput, Refunds>("declineRefund",
            "Declines a learner's refund request with a note for the learner (platform administrators).",
            async (s, i, c, ct) => await s.DeclineAsync(i, c, ct));
        this.Mutation<CreateLicencePayloadType, CreateLicenceInput, LicenceDesk>("createLicence",
            "Sells an organization an enterprise licence: seats for a year by default, for the programs named or all of them (platform administrators).",
            async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<UpdateLicencePayloadType, UpdateLicenceInput, LicenceDesk>("updateLicence",
            "Changes a licence's seats, end or programs (platform administrators).",
            async (s, i, c, ct) => await s.UpdateAsync(i, c, ct));
        this.Mutation<SetPartnerSharePayloadType, SetPartnerShareInput, PartnerShares>("setPartnerShare",
            "Sets the percentage of its offers' takings that goes to a partner, for payments from now on (platform administrators).",
            async (s, i, c, ct) => await s.SetAsync(i, c, ct));
        this.Mutation<ApplyForFinancialAidPayloadType, ApplyForFinancialAidInput, FinancialAidDesk>("applyForFinancialAid",
            "Asks for financial aid for a course that is for sale: why you need it and how the course helps, 150 words or more each; reviewed by staff.",
            async (s, i, c, ct) => await s.ApplyAsync(i, c, ct));
        this.Mutation<ReviewFinancialAidPayloadType, ReviewFinancialAidInput, FinancialAidDesk>("reviewFinancialAid",
            "Approves (the PAID track free for 180 days) or denies an application, with a note for the learner: platform administrators and the course's partner administrators.",
            async (s, i, c, ct) => await s.ReviewAsync(i, c, ct));
    }
}
