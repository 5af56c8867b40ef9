using BenchmarkDotNet.Running;

// Micro benchmarks of the pure core. Run all: dotnet run -c Release --project bench/Rekindle.Bench -- --filter '*'
// (BenchmarkDotNet's own --help lists the options: --filter, --job short, --list flat, ...).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type, named for BenchmarkSwitcher.</summary>
public partial class Program;
