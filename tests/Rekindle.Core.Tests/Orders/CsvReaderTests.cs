using Rekindle.Core.Orders;

namespace Rekindle.Core.Tests.Orders;

public sealed class CsvReaderTests
{
    // Every test runs twice: with whole-buffer reads, and one character per read so that quotes, CR and LF
    // fall on every possible buffer boundary.
    public static TheoryData<bool> Chunking => new() { false, true };

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_QuotedFieldsWithCommaAndEscapedQuotes_Unescapes(bool oneCharAtATime)
    {
        var records = ReadAll("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\"\"\n", oneCharAtATime);

        var record = Assert.Single(records);
        Assert.Equal(["a", "b,c", "say \"hi\"", "\""], record.Fields.ToArray());
        Assert.Null(record.Error);
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_LineBreaksInsideQuotes_KeepsThemAndNumbersRecordsByPhysicalLine(bool oneCharAtATime)
    {
        var records = ReadAll("h1,h2\n\"x\ny\nz\",1\r\n\"p\r\nq\",2\nlast,3\n", oneCharAtATime);

        Assert.Equal([1L, 2L, 5L, 7L], records.Select(r => r.Line));
        Assert.Equal(["x\ny\nz", "1"], records[1].Fields.ToArray());
        Assert.Equal(["p\r\nq", "2"], records[2].Fields.ToArray());
        Assert.Equal(["last", "3"], records[3].Fields.ToArray());
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_CrLfAndLoneCr_EndRecordsWithoutLeavingCarriageReturns(bool oneCharAtATime)
    {
        var records = ReadAll("a,b\r\nc,d\re,f\r\n", oneCharAtATime);

        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Line));
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_EmptyFields_AreEmptyStrings(bool oneCharAtATime)
    {
        var records = ReadAll(",,\na,\n\"\"\n,\"\"", oneCharAtATime);

        Assert.Equal([["", "", ""], ["a", ""], [""], ["", ""]], records.Select(r => r.Fields.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_ByteOrderMark_IsDropped(bool oneCharAtATime)
    {
        var record = Assert.Single(ReadAll("\uFEFFInvoiceNo,StockCode\n", oneCharAtATime));

        Assert.Equal(["InvoiceNo", "StockCode"], record.Fields.ToArray());
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_BlankLines_AreSkippedButCounted(bool oneCharAtATime)
    {
        var records = ReadAll("a\n\r\n\nb\n\n", oneCharAtATime);

        Assert.Equal([1L, 4L], records.Select(r => r.Line));
        Assert.Equal(["b"], records[1].Fields.ToArray());
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_NoFinalLineBreak_ReturnsLastRecord(bool oneCharAtATime)
    {
        var records = ReadAll("a,b\nc,\"d\"", oneCharAtATime);

        Assert.Equal(["c", "d"], records[1].Fields.ToArray());
        Assert.Equal(2, records.Count);
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_QuoteInsideUnquotedField_IsKeptAsText(bool oneCharAtATime)
    {
        var record = Assert.Single(ReadAll("RECORD FRAME 7\" SINGLE,2\n", oneCharAtATime));

        Assert.Equal(["RECORD FRAME 7\" SINGLE", "2"], record.Fields.ToArray());
        Assert.Null(record.Error);
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_TextAfterClosingQuote_IsMalformedAndTheNextRecordIsIntact(bool oneCharAtATime)
    {
        var records = ReadAll("\"ab\"cd,1\nnext,2\n", oneCharAtATime);

        Assert.Equal("unexpected text after the closing quote of field 1", records[0].Error);
        Assert.Equal(["abcd", "1"], records[0].Fields.ToArray());
        Assert.Null(records[1].Error);
        Assert.Equal(["next", "2"], records[1].Fields.ToArray());
        Assert.Equal(2, records[1].Line);
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_QuoteOpenAtEndOfFile_IsMalformedWithItsStartLine(bool oneCharAtATime)
    {
        var records = ReadAll("a,b\nc,\"never\nclosed\n", oneCharAtATime);

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.Equal("a quoted field (field 2) is not closed before the end of the file", records[1].Error);
    }

    [Theory]
    [MemberData(nameof(Chunking))]
    public void Read_RecordLongerThanLimit_IsCutAtNextLineBreakAndReadingGoesOn(bool oneCharAtATime)
    {
        // The stray quote on line 2 would swallow line 3; the limit stops it there.
        var records = ReadAll("ok,1\n\"stray,2\nlonger text here,3\nfine,4\n", oneCharAtATime, maxRecordChars: 12);

        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
        Assert.StartsWith("the record is longer than 12 characters", records[1].Error, StringComparison.Ordinal);
        Assert.Empty(records[1].Fields.ToArray());
        Assert.Equal(["fine", "4"], records[2].Fields.ToArray());
        Assert.Null(records[2].Error);
    }

    [Fact]
    public void Read_RecordsAcrossManyBuffers_AreAllRead()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"\"id,{i}\",\"line\r\nbreak\",{i}\r\n"));

        var records = ReadAll(text, oneCharAtATime: false);

        Assert.Equal(20_000, records.Count);
        Assert.Equal(["id,19999", "line\r\nbreak", "19999"], records[^1].Fields.ToArray());
        Assert.Equal(39_999, records[^1].Line);
    }

    [Fact]
    public void Read_EmptyInput_ReturnsNull()
    {
        Assert.Null(new CsvReader(new StringReader("")).Read());
    }

    private static List<CsvRecord> ReadAll(string text, bool oneCharAtATime, int maxRecordChars = CsvReader.DefaultMaxRecordChars)
    {
        TextReader source = oneCharAtATime ? new OneCharReader(text) : new StringReader(text);
        var reader = new CsvReader(source, maxRecordChars);
        var records = new List<CsvRecord>();
        while (reader.Read() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    private sealed class OneCharReader(string text) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_position >= text.Length || count == 0)
            {
                return 0;
            }

            buffer[index] = text[_position++];
            return 1;
        }
    }
}
