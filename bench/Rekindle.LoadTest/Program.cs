Console.WriteLine("Rekindle load test: coming with the first macro benchmark.");
