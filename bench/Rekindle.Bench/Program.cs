Console.WriteLine("Rekindle micro benchmarks: coming with the first benchmark.");
