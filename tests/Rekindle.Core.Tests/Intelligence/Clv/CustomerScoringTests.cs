using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;

namespace Rekindle.Core.Tests.Intelligence.Clv;

public class CustomerScoringTests
{
    private static readonly ScoringOptions Options = new(13, new ClvOptions(12, 4.345, 0.01));

    private static IReadOnlyList<CustomerSummary> Customers() =>
        CdnowData.SummaryWithTransactions()
            .Select(r => new CustomerSummary(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Frequency, r.Recency, r.T, r.MonetaryValue))
            .ToList();

    public static TheoryData<string> Models() => ["bg/nbd", "pareto/nbd"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_Cdnow_EqualsTheModelsCalledOneCustomerAtATime(string kind)
    {
        IRepeatPurchaseModel model = kind == "bg/nbd"
            ? new BgNbdModel(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881))
            : new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var customers = Customers();

        var scores = CustomerScoring.Score(model, spend, customers, Options);

        Assert.Equal(customers.Count, scores.Length);
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            double alive = model.ProbabilityAlive(c.Frequency, c.Recency, c.T);
            double orderValue = spend.ExpectedAverageOrderValue(c.Frequency, (double)c.MonetaryValue);
            Assert.Equal(c.CustomerId, scores[i].CustomerId);
            Assert.Equal(alive, scores[i].ProbabilityAlive);
            Assert.Equal(model.ConditionalExpectedPurchases(13, c.Frequency, c.Recency, c.T), scores[i].ExpectedPurchases, 1e-12);
            Assert.Equal(orderValue, scores[i].ExpectedOrderValue);
            Assert.Equal(LifetimeValue.Compute(model, c.Frequency, c.Recency, c.T, orderValue, Options.Clv), scores[i].LifetimeValue!.Value, 1e-9);
        }
    }

    [Fact]
    public void Score_WithoutASpendModel_LeavesTheValuesEmpty()
    {
        var model = new BgNbdModel(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881));

        var scores = CustomerScoring.Score(model, null, Customers(), Options);

        Assert.All(scores, s =>
        {
            Assert.Null(s.ExpectedOrderValue);
            Assert.Null(s.LifetimeValue);
        });
    }
}
