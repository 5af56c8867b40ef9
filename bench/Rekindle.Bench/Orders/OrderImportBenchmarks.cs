using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Rekindle.Core.Orders;

namespace Rekindle.Bench.Orders;

/// <summary>
/// The whole UCI Online Retail file (541,909 rows, 7.8 MB gzip / 51 MB text) through the order importer,
/// against the floor of merely decompressing it and splitting it into lines (the baseline). The file is
/// held in memory so that the disk does not enter the figure; it is looked up in shared/data above the
/// working directory.
/// </summary>
[MemoryDiagnoser]
public class OrderImportBenchmarks
{
    private byte[] _gzip = [];
    private byte[] _text = [];

    [GlobalSetup]
    public void Setup()
    {
        _gzip = File.ReadAllBytes(FindFile());
        using var gzip = new GZipStream(new MemoryStream(_gzip), CompressionMode.Decompress);
        using var text = new MemoryStream();
        gzip.CopyTo(text);
        _text = text.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int DecompressAndReadLines()
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(_gzip), CompressionMode.Decompress), Encoding.UTF8);
        var lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    }

    [Benchmark]
    public long ImportGzip() => Import(_gzip);

    [Benchmark]
    public long ImportPlainText() => Import(_text);

    private static long Import(byte[] input)
    {
        var importer = new OrderCsvImporter(new MemoryStream(input), OrderCsvFormat.OnlineRetail);
        long orders = 0;
        foreach (var item in importer.ReadAll())
        {
            if (item is ImportedOrder)
            {
                orders++;
            }
        }

        return orders;
    }

    private static string FindFile()
    {
        const string relative = "shared/data/online_retail/online_retail.csv.gz";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
