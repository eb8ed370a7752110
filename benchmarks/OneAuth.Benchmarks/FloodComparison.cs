using System.Diagnostics;
using System.Globalization;

namespace OneAuth.Benchmarks;

/// <summary>
/// The flood bar measured so that a shared, busy machine cannot fake it: blocks of valid tokens alone and blocks of
/// valid tokens interleaved with N flood tokens alternate in one process, each block timed by the CPU time this
/// process used (time stolen by other processes does not count), and the medians over many rounds are compared.
/// Run with <c>dotnet run -c Release -- --flood-ab</c>.
/// </summary>
/// <remarks>
/// Every token is built before anything is timed; a block only validates. It runs twice: with the default pool of
/// 4,096 distinct flood tokens (megabytes of text, so each flood token is read from memory, and the stream of them
/// evicts the valid token's data from the caches: the harsher case), and with a pool of 64 that stays in L2 (what a
/// server sees when it validates a token it has just read off the socket, the reading being the server's cost).
/// Then a third run puts the flood on its own thread, rejecting as fast as it can beside a thread of valid tokens
/// (the way a server meets a flood: on other connections and other cores), and compares the valid thread's wall-clock
/// rate with the flood on and off: what the flood costs valid tokens through shared state (locks, shared cache
/// lines, refreshes), not through the CPU its own rejections use.
/// </remarks>
internal static class FloodComparison
{
    private const int Rounds = 25;
    private const int ValidPerBlock = 2000;
    private const int RejectionsPerBlock = ValidPerBlock * 10;
    private const int WarmPool = 64;

    public static void Run()
    {
        Console.WriteLine($"load before: {LoadAverage()}");
        Run(JwksBenchmarks.DefaultFloodPool, "cold: every flood token read from memory");
        Run(WarmPool, "warm: flood tokens in cache");
        RunConcurrent(JwksBenchmarks.DefaultFloodPool);
        Console.WriteLine($"load after: {LoadAverage()}");
    }

    private static void Run(int pool, string what)
    {
        var bench = new JwksBenchmarks { FloodPool = pool };
        bench.Setup();
        int[] floods = { 0, 1, 10 };

        // Warm every path (tiered JIT settles on the optimized code).
        foreach (int n in floods)
            Block(bench, n, ValidPerBlock);
        Rejections(bench, RejectionsPerBlock);

        var perValid = floods.ToDictionary(n => n, _ => new List<double>());
        var perRejection = new List<double>();
        long allocated = 0;
        for (int round = 0; round < Rounds; round++)
        {
            // Rotate the order so that a drift in load hits every mode alike.
            for (int k = 0; k < floods.Length; k++)
            {
                int n = floods[(round + k) % floods.Length];
                perValid[n].Add(Block(bench, n, ValidPerBlock) / ValidPerBlock);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            perRejection.Add(Rejections(bench, RejectionsPerBlock) / RejectionsPerBlock);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        bench.Cleanup();
        double alone = Median(perValid[0]);
        double reject = Median(perRejection);
        Heading($"Flood pool {pool} distinct tokens of {bench.FloodTokenLength} chars ({what}).", "CPU time per operation");
        Console.WriteLine(Line("valid token alone", alone));
        Console.WriteLine(Line("one flood rejection", reject)
            + string.Format(CultureInfo.InvariantCulture, "   allocated {0:F1} B per rejection", (double)allocated / (Rounds * (long)RejectionsPerBlock)));
        foreach (int n in floods.Where(n => n > 0))
        {
            double mixed = Median(perValid[n]);
            double validShare = mixed - n * reject;
            Console.WriteLine(Line($"valid + {n} flood", mixed)
                + string.Format(CultureInfo.InvariantCulture, "   valid-token throughput {0:+0.0;-0.0}%   valid token's own cost under flood {1:F2} us ({2:+0.0;-0.0}%)",
                    (alone / mixed - 1) * 100, validShare, (validShare / alone - 1) * 100));
        }
    }

    private static void RunConcurrent(int pool)
    {
        if (Environment.ProcessorCount < 2)
        {
            Console.WriteLine();
            Console.WriteLine("Concurrent flood: skipped, it needs two cores.");
            return;
        }

        // Two instances over one verifier would not share its state; one instance, and the flood thread alone calls
        // FloodRejection (it advances the pool index without synchronisation).
        var bench = new JwksBenchmarks { FloodPool = pool };
        bench.Setup();
        Block(bench, 0, ValidPerBlock);
        Rejections(bench, RejectionsPerBlock);

        var alone = new List<double>();
        var flooded = new List<double>();
        var floodRates = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < 2; k++)
            {
                bool flood = (round + k) % 2 == 1;
                if (!flood)
                {
                    alone.Add(WallBlock(bench) / ValidPerBlock);
                    continue;
                }

                using var stop = new ManualResetEventSlim();
                long rejected = 0;
                var flooder = new Thread(() =>
                {
                    long n = 0;
                    while (!stop.IsSet)
                    {
                        if (bench.FloodRejection())
                            throw new InvalidOperationException("a flood token was accepted");
                        n++;
                    }

                    Interlocked.Exchange(ref rejected, n);
                })
                { IsBackground = true, Name = "flood" };
                var clock = Stopwatch.StartNew();
                flooder.Start();
                flooded.Add(WallBlock(bench) / ValidPerBlock);
                stop.Set();
                flooder.Join();
                floodRates.Add(Interlocked.Read(ref rejected) / clock.Elapsed.TotalSeconds);
            }
        }

        bench.Cleanup();
        double valid = Median(alone);
        double underFlood = Median(flooded);
        Heading($"Concurrent flood: one thread of valid tokens, one thread rejecting flood tokens (pool {pool}) as fast as it can.", "Wall-clock time per valid token");
        Console.WriteLine(Line("valid, flood off", valid));
        Console.WriteLine(Line("valid, flood on", underFlood)
            + string.Format(CultureInfo.InvariantCulture, "   valid-token throughput {0:+0.0;-0.0}%   flood rate {1:N0} rejections/s",
                (valid / underFlood - 1) * 100, Median(floodRates)));
    }

    private static void Heading(string title, string measure)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"{measure}, median of {Rounds} alternating rounds ({ValidPerBlock} valid tokens per block); load {LoadAverage()}");
    }

    /// <summary>Wall-clock time of a block of valid tokens (the concurrent mode: the process's CPU time would include the flood thread).</summary>
    private static double WallBlock(JwksBenchmarks bench)
    {
        long start = Stopwatch.GetTimestamp();
        ValidBlock(bench, 0, ValidPerBlock);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Block(JwksBenchmarks bench, int flood, int count)
    {
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        ValidBlock(bench, flood, count);
        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds;
    }

    private static void ValidBlock(JwksBenchmarks bench, int flood, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!(flood == 0 ? bench.ValidAlone() : bench.ValidWithFlood(flood)))
                throw new InvalidOperationException("the valid token was rejected");
        }
    }

    private static double Rejections(JwksBenchmarks bench, int count)
    {
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < count; i++)
        {
            if (bench.FloodRejection())
                throw new InvalidOperationException("a flood token was accepted");
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Line(string what, double micros)
        => string.Format(CultureInfo.InvariantCulture, "  {0,-22} {1,9:F2} us", what, micros);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
