namespace Rekindle.Testing.Intelligence;

/// <summary>
/// Simulates customers from the BG/NBD story (Gamma purchase rates, Beta dropout after each repeat purchase) with
/// Gamma-Gamma order values, streaming one transaction at a time so no transaction list is ever held.
/// </summary>
public sealed class SyntheticPopulation(int seed)
{
    private Random random = new(0); // replaced at the start of every Generate

    /// <param name="customers">Number of customers.</param>
    /// <param name="start">First possible acquisition day.</param>
    /// <param name="days">Length of the observation window; acquisitions are uniform over it.</param>
    /// <param name="r">Gamma shape of the daily purchase rate.</param>
    /// <param name="alpha">Gamma rate of the daily purchase rate.</param>
    /// <param name="a">Beta dropout parameter a.</param>
    /// <param name="b">Beta dropout parameter b.</param>
    /// <param name="spend">Gamma-Gamma (p, q, v) of order values.</param>
    /// <param name="onTransaction">Receives (customer id, date, amount).</param>
    public void Generate(
        int customers, DateOnly start, int days, double r, double alpha, double a, double b,
        (double P, double Q, double V) spend, Action<string, DateOnly, decimal> onTransaction)
    {
        // Every call replays the same population.
        random = new Random(seed);
        for (int i = 0; i < customers; i++)
        {
            string id = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double rate = Gamma(r) / alpha;
            double x = Gamma(a);
            double dropout = x / (x + Gamma(b));
            double scaleRate = Gamma(spend.Q) / spend.V;
            double time = random.NextDouble() * days;
            onTransaction(id, start.AddDays((int)time), Amount(spend.P, scaleRate));

            // After each repeat purchase the customer drops out with probability p (FHL 2005 assumption iii).
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / rate;
                if (time >= days)
                {
                    break;
                }

                onTransaction(id, start.AddDays((int)time), Amount(spend.P, scaleRate));
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }
        }
    }

    private decimal Amount(double p, double scaleRate) => Math.Round((decimal)(Gamma(p) / scaleRate), 2) + 0.01m;

    // Marsaglia & Tsang (2000), with the shape < 1 boost.
    private double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        double d = shape - 1.0 / 3;
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = Normal();
            double v = 1 + c * z;
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    private double Normal()
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
