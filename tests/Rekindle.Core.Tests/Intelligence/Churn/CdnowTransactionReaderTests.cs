using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

public sealed class CdnowTransactionReaderTests
{
    [Fact]
    public void Read_MasterAndSampleLayouts_SameTransactions()
    {
        var master = CdnowTransactionReader.Read(new StringReader(" customer_id  date number_of_cds  dollar_value\r\n 00002 19970112  5   77.00\r\n")).ToList();
        var sample = CdnowTransactionReader.Read(new StringReader(" 00002 0001 19970112  5   77.00\r\n")).ToList();

        var expected = new Transaction("00002", new DateOnly(1997, 1, 12), 77.00m);
        Assert.Equal([expected], master);
        Assert.Equal([expected], sample);
    }

    [Fact]
    public void Read_BadLine_NamesItsNumber()
    {
        var error = Assert.Throws<FormatException>(() =>
            CdnowTransactionReader.Read(new StringReader("00001 19970101 1 11.77\n00002 1997-01-12 5 77.00\n")).ToList());

        Assert.Equal("line 2: expected 'customer_id yyyymmdd number_of_cds dollar_value', got '00002 1997-01-12 5 77.00'", error.Message);
    }
}
