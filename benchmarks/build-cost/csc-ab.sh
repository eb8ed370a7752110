#!/usr/bin/env bash
# Times the C# compiler alone (no MSBuild around it), a fresh compiler process per run, on the project that
# run.sh generated and kept:
#
#   KEEP=1 benchmarks/build-cost/run.sh 1000 1      # prints "kept: <dir>" at the end
#   benchmarks/build-cost/csc-ab.sh <dir> [rounds]   # default 10 rounds, about 25 s per round on 2 cores
#
# It replays the exact compiler command line of run.sh's oneauth build in three configurations, alternating
# within each round: baseline (the OneAuth analyzer removed from the command line), rules (the rules-only
# build run.sh made, no generator) and oneauth (rules + generator). Per run it prints wall and CPU (user + sys)
# seconds and the compiler's own totals (/reportanalyzer: all analyzers, all generators, OneAuth's rules,
# OneAuth's generator); then the medians and, because the load of a shared machine drifts, the median of the
# same-round ratios to the baseline. CPU time is less disturbed by other processes than wall time.
#
# BEFORE=<folder>/OneAuth.Analyzers.dll (another build of the analyzer, under its own name) adds the configuration "before": the same command line
# with that assembly in place of the current one (CONFIGS="baseline before oneauth" compares two versions of the
# rules and generator side by side in one run).
#
# PIN=<cpu> runs every compiler on that one CPU (taskset): the compiler's threads then share one core, so CPU time is
# the work done, without the spinning and scheduling of parallel threads, and the same core serves every
# configuration. REPORT=0 leaves out /reportanalyzer (its per-callback timing is itself a cost).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(cd "${1:?usage: csc-ab.sh <dir kept by run.sh> [rounds]}" && pwd)"
rounds="${2:-10}"
log="$work/oneauth.log"
[ -f "$log" ] || { echo "no $log: run run.sh with KEEP=1 (and the default REPORT=1, which logs the command line)"; exit 1; }

# The Csc task logs its full command line on one line at detailed verbosity.
cmd="$(grep -m1 -E '^ +/.*/csc .*/analyzer:' "$log" | sed -E 's/^ +//')"
[ -n "$cmd" ] || { echo "no compiler command line in $log"; exit 1; }
oneauth_arg="$(grep -oE '/analyzer:[^ ]*/OneAuth\.Analyzers\.dll' <<<"$cmd" | head -1)"
rules_dll="$work/rules-only/src/OneAuth.Analyzers/bin/Release/netstandard2.0/OneAuth.Analyzers.dll"
[ -n "$oneauth_arg" ] && [ -f "$rules_dll" ] || { echo "the oneauth build or the rules-only assembly is missing"; exit 1; }

# The arguments go into response files (csc reads quotes and separators there as on its own command line).
compiler="${cmd%% *}"
args="${cmd#* }"
args="${args// \/reportanalyzer/}" # run.sh's builds carry it; it is added back below unless REPORT=0
report_arg=/reportanalyzer
[ "${REPORT:-1}" = 1 ] || report_arg=
printf '%s %s\n' "$args" "$report_arg" > "$work/oneauth.rsp"
printf '%s %s\n' "${args/"$oneauth_arg"//analyzer:$rules_dll}" "$report_arg" > "$work/rules.rsp"
printf '%s %s\n' "${args/"$oneauth_arg"/}" "$report_arg" > "$work/baseline.rsp"
if [ -n "${BEFORE:-}" ]; then
  [ -f "$BEFORE" ] || { echo "BEFORE=$BEFORE is not a file"; exit 1; }
  # The compiler loads an analyzer by its assembly name, so the file must keep its name (put it in its own folder).
  [ "$(basename "$BEFORE")" = OneAuth.Analyzers.dll ] || { echo "BEFORE must point to a file named OneAuth.Analyzers.dll"; exit 1; }
  printf '%s %s\n' "${args/"$oneauth_arg"//analyzer:$BEFORE}" "$report_arg" > "$work/before.rsp"
fi
read -r -a configs <<<"${CONFIGS:-baseline rules oneauth}"
count=${#configs[@]}
pin=()
[ -z "${PIN:-}" ] || pin=(taskset -c "$PIN")

results="$work/csc-ab.txt"
: > "$results"
cd "$work/app"
# One untimed run per configuration first, with the runtime listing every method it compiles. The first (tier-0)
# compilations are the methods that ran at all without precompiled code: the size of a fresh process's start-up
# cost, in a unit the machine's speed does not change. They still move by a few hundred between runs (the runtime's
# timing decides some tier-0 instrumentation), and later tier-1 recompilations, which depend on timing, are not counted.
# The OneAuth column counts methods of our own assemblies.
echo "Tier-0 JIT compilations per fresh compiler process (all | OneAuth.*):"
for config in "${configs[@]}"; do
  rm -f "$work/jit-$config.txt"
  DOTNET_JitStdOutFile="$work/jit-$config.txt" DOTNET_JitDisasmSummary=1 "$compiler" "@$work/$config.rsp" > /dev/null 2>&1 \
    || { echo "the $config compiler run failed"; exit 1; }
  printf '  %-9s %6d | %5d\n' "$config" "$(grep -cE '\[(Instrumented )?Tier0' "$work/jit-$config.txt")" "$(grep -E 'JIT compiled OneAuth\.' "$work/jit-$config.txt" | grep -cE '\[(Instrumented )?Tier0' || true)"
done

TIMEFORMAT='%R %U %S'
for ((r = 0; r < rounds; r++)); do
  # The order rotates from round to round, so no configuration always runs right after the same other one.
  order=("${configs[@]}" "${configs[@]}")
  for config in "${order[@]:$((r % count)):$count}"; do
    { time "${pin[@]}" "$compiler" "@$work/$config.rsp" > "$work/csc-$config.out" 2>&1; } 2> "$work/csc-time.txt" \
      || { tail -20 "$work/csc-$config.out"; exit 1; }
    read -r wall user sys < "$work/csc-time.txt"
    report=$(awk -f "$here/components.awk" "$work/csc-$config.out")
    line=$(awk -v r="$r" -v c="$config" -v w="$wall" -v u="$user" -v s="$sys" -v rep="$report" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { split(rep, x, " "); printf "%d %s %.2f %.2f %s %s %s %s %s", r, c, w, u + s, x[1], x[2], x[3], x[4], l }')
    echo "$line" >> "$results"
    echo "$line" | awk '{ printf "round %d %-9s wall %6.2f s  cpu %6.2f s  analyzers %6.3f  generators %6.3f  oneauth rules %6.3f  generator %6.3f  load %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
  done
done

echo
echo "medians over $rounds rounds (s), and the median of same-round ratios to the baseline:"
awk -v configs="${configs[*]}" '
  { wall[$2, $1] = $3; cpu[$2, $1] = $4; an[$2, $1] = $5; gen[$2, $1] = $6; n = ($1 + 1 > n ? $1 + 1 : n) }
  function median(arr, key,    i, v, m, t, j) {
    m = 0
    for (i = 0; i < n; i++) v[++m] = arr[key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  function ratio(arr, key,    i, q) {
    for (i = 0; i < n; i++) q["r", i] = arr[key, i] / arr[base, i]
    return median(q, "r")
  }
  # The sorted same-round CPU ratios: their spread says how far one median can be trusted on this machine.
  function spread(key,    i, j, v, t) {
    for (i = 0; i < n; i++) v[i] = cpu[key, i] / cpu[base, i]
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    printf "%-9s sorted same-round cpu ratios:", key
    for (i = 0; i < n; i++) printf " %.3f", v[i]
    printf "\n"
  }
  END {
    k = split(configs, cs, " ")
    base = cs[1]
    for (i = 1; i <= k; i++) {
      c = cs[i]
      printf "%-9s wall %6.2f  cpu %6.2f  analyzers %6.3f  generators %6.3f   paired: wall %+5.1f%%  cpu %+5.1f%%\n",
        c, median(wall, c), median(cpu, c), median(an, c), median(gen, c), (ratio(wall, c) - 1) * 100, (ratio(cpu, c) - 1) * 100
    }
    for (i = 2; i <= k; i++) spread(cs[i])
  }' "$results"
