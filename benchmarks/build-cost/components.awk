# From one compiler report (-p:ReportAnalyzer=true at detailed verbosity, or csc /reportanalyzer), prints
# "total analyzer s, total generator s, OneAuth rules s, OneAuth generator s". Used by run.sh and csc-ab.sh.
/Total analyzer execution time/ { a = $5 }
/Total generator execution time/ { g = $5; gen = 1 }
/OneAuth\.Analyzers, Version/ { v = $1; sub(/</, "", v); if (gen && og == "") og = v; else if (!gen && oa == "") oa = v }
END { printf "%s %s %s %s", a + 0, g + 0, oa + 0, og + 0 }
