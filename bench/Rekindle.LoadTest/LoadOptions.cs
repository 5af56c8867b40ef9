using System.Globalization;

namespace Rekindle.LoadTest;

internal sealed record LoadOptions(int Shoppers, int Clients, int Batch, int Rate, int Seconds, int Warmup)
{
    public static LoadOptions? Parse(string[] args)
    {
        var o = new LoadOptions(50_000, 8, 25, 5_000, 20, 5);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--help" || i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                if (args[i] != "--help")
                {
                    Console.Error.WriteLine($"bad option '{args[i]}': every option takes a positive whole number");
                }

                return null;
            }

            o = args[i] switch
            {
                "--shoppers" => o with { Shoppers = n },
                "--clients" => o with { Clients = n },
                "--batch" => o with { Batch = n },
                "--rate" => o with { Rate = n },
                "--seconds" => o with { Seconds = n },
                "--warmup" => o with { Warmup = n },
                _ => null,
            };
            if (o is null)
            {
                Console.Error.WriteLine($"unknown option '{args[i]}'");
                return null;
            }

            i++;
        }

        return o;
    }
}
