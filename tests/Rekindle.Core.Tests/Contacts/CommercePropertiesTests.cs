using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Tests.Events;

namespace Rekindle.Core.Tests.Contacts;

/// <summary>Commerce properties that will be ignored are reported as warnings; the message is accepted all the same.</summary>
public sealed class CommercePropertiesTests
{
    [Theory]
    [InlineData("""{"product_id":"p1","price":"five","quantity":-1}""",
        "properties.price: is not a number: 'five'|properties.quantity: must be at least 1")]
    [InlineData("""{"product_id":"p1","price":-3,"quantity":1.5}""", "properties.price: must not be negative|properties.quantity: must be a whole number")]
    [InlineData("""{"product_id":"p1","price":"1,299.00","quantity":"lots"}""",
        "properties.price: is not a number: '1,299.00'|properties.quantity: is not a number: 'lots'")]
    [InlineData("""{"product_id":{"id":1},"price":true,"quantity":0}""",
        "properties.product_id: must be a string or number (got object)|properties.product_id: is missing, and so is sku: the product cannot be put in the cart|properties.price: must be a number (got boolean)|properties.quantity: must be at least 1")]
    [InlineData("""{"name":"Lamp","price":5000000000000}""",
        "properties.product_id: is missing, and so is sku: the product cannot be put in the cart|properties.price: is larger than 1,000,000,000,000")]
    [InlineData("""{"sku":"S-1","price":1e30,"currency":"euro"}""", "properties.price: is out of range: 1e30|properties.currency: is not a three-letter currency code (ISO 4217): 'euro'")]
    public void Check_ProductAddedWithUnusableValues_ReportsEachField(string properties, string expected)
    {
        var warnings = CommerceProperties.Check(Track(CommerceEvents.ProductAdded, properties));

        Assert.Equal(expected, string.Join("|", warnings));
    }

    [Theory]
    [InlineData(CommerceEvents.ProductAdded, """{"product_id":"p1","price":"89.95","quantity":"2","currency":"EUR"}""")]
    [InlineData(CommerceEvents.ProductAdded, """{"sku":42,"price":0,"quantity":null,"currency":null}""")]
    [InlineData(CommerceEvents.ProductRemoved, """{"product_id":"p1"}""")]
    [InlineData(CommerceEvents.ProductViewed, """{"name":"Lamp"}""")]
    [InlineData(CommerceEvents.OrderCompleted, """{"order_id":"o1","revenue":"120.00","products":[{"price":60,"quantity":2}]}""")]
    [InlineData(CommerceEvents.OrderRefunded, """{"order_id":"o1","total":-60}""")]
    [InlineData("Something Custom", """{"price":"five","quantity":-1}""")]
    public void Check_UsableOrUncheckedProperties_NoWarning(string eventName, string properties)
    {
        Assert.Empty(CommerceProperties.Check(Track(eventName, properties)));
    }

    [Fact]
    public void Check_CheckoutStartedProducts_NamesTheEntry()
    {
        var warnings = CommerceProperties.Check(Track(CommerceEvents.CheckoutStarted,
            """{"total":-5,"products":[{"product_id":"p1","price":10},"p2",{"price":"ten"}]}"""));

        Assert.Equal(
            [
                new FieldError("properties.total", "must not be negative"),
                new FieldError("properties.products[1]", "must be an object (got string)"),
                new FieldError("properties.products[2].product_id", "is missing, and so is sku: the product cannot be put in the cart"),
                new FieldError("properties.products[2].price", "is not a number: 'ten'"),
            ],
            warnings);
    }

    [Fact]
    public void ParseBatch_CommerceWarnings_MessageAcceptedAndWarningsNamedWithItsIndex()
    {
        var result = new SegmentRequests().Batch("""
            {"batch":[{"type":"page","userId":"u1","name":"Home"},
                      {"type":"track","userId":"u1","messageId":"m-2","event":"Product Added","properties":{"product_id":"p1","price":"five","quantity":-1}}]}
            """);

        Assert.Equal(2, result.Accepted.Count);
        Assert.Equal(
            [
                new MessageWarning(1, "m-2", "batch[1].properties.price", "is not a number: 'five'"),
                new MessageWarning(1, "m-2", "batch[1].properties.quantity", "must be at least 1"),
            ],
            result.Warnings);
    }

    [Fact]
    public void ParseSingle_CommerceWarning_NamedWithoutPrefix()
    {
        var result = new SegmentRequests().Single(MessageType.Track,
            """{"userId":"u1","messageId":"m-1","event":"Order Completed","properties":{"revenue":"n/a"}}""");

        Assert.Equal([new MessageWarning(0, "m-1", "properties.revenue", "is not a number: 'n/a'")], result.Warnings);
    }

    private static EventMessage Track(string eventName, string properties) => new()
    {
        MessageId = "m-1",
        Type = MessageType.Track,
        Event = eventName,
        UserId = "u1",
        Timestamp = SegmentRequests.ReceivedAt,
        ReceivedAt = SegmentRequests.ReceivedAt,
        Properties = properties,
    };
}
