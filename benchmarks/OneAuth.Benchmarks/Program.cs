using BenchmarkDotNet.Running;

namespace OneAuth.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--flood-ab"])
        {
            FloodComparison.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
