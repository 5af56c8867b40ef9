using Rekindle.Core.Orders;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Orders;

public class OrderAdjustmentTests
{
    [Theory]
    [InlineData("""{"order_id":"o1","total":30}""", "30")]
    [InlineData("""{"order_id":"o1","revenue":12.5,"total":30}""", "12.5")]
    [InlineData("""{"order_id":"o1","total":-30}""", "30")]
    [InlineData("""{"order_id":"o1","products":[{"price":4,"quantity":3}]}""", "12")]
    [InlineData("""{"order_id":"o1"}""", null)]
    public void FromEvent_Refund_ReadsTheAmountOrNoneForTheWholeOrder(string properties, string? amount)
    {
        var adjustment = OrderAdjustment.FromEvent(Track("Order Refunded", properties, T0));

        Assert.Equal(
            new OrderAdjustment("o1", OrderAdjustmentKind.Refund, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), T0),
            adjustment);
    }

    [Fact]
    public void FromEvent_Cancel_CarriesNoAmount() =>
        Assert.Equal(
            new OrderAdjustment("o7", OrderAdjustmentKind.Cancel, null, T0),
            OrderAdjustment.FromEvent(Track("Order Cancelled", """{"order_id":"o7","total":30}""", T0)));

    [Theory]
    [InlineData("Order Refunded", """{"total":30}""")]
    [InlineData("Order Refunded", """{"order_id":"o1","total":"n/a"}""")]
    [InlineData("Order Completed", """{"order_id":"o1","total":30}""")]
    public void FromEvent_WithoutOrderIdOrOtherEvent_IsNull(string name, string properties) =>
        Assert.Null(OrderAdjustment.FromEvent(Track(name, properties, T0)));
}
