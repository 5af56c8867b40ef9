#!/usr/bin/env bash
# Builds and runs every test project of the solution, then prints one summary line summed over all of them:
#   N passed, N failed[, N skipped]
# as the very last line. Exits non-zero when the build fails, a test fails or no results were written.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Postgres").
set -uo pipefail

cd "$(dirname "$0")"
results=TestResults
log="$results/dotnet-test.log"

# Results of an earlier run would be counted again.
rm -rf "$results"
mkdir -p "$results"

started=$SECONDS
dotnet test Rekindle.slnx --logger trx --results-directory "$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "test.sh: dotnet test exited with $status after $((SECONDS - started)) s"

shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
if ((${#trx_files[@]} == 0)); then
    echo "test.sh: FAILED: no TRX file in $results: the build failed or no test project ran (see above)" >&2
    exit $((status == 0 ? 1 : status))
fi

# Each test assembly announces its run; one without a TRX crashed or had its results overwritten.
runs=$(grep -c '^Test run for ' "$log")
if ((${#trx_files[@]} < runs)); then
    echo "test.sh: FAILED: $runs test assemblies ran but only ${#trx_files[@]} TRX files were written" >&2
    status=1
fi

# Sums one attribute of the <Counters .../> element over all TRX files. The leading space keeps
# `passed` from also matching `passedButRunAborted`.
sum() {
    grep -ho '<Counters [^>]*>' "${trx_files[@]}" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' |
        awk '{ s += $1 } END { print s + 0 }'
}

passed=$(sum passed)
# A test that errored, timed out or was aborted did not pass either.
failed=$(($(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted)))
# xunit's skipped tests count in total but not in executed (and not in notExecuted either).
skipped=$(($(sum total) - $(sum executed)))

if grep -q ': error ' "$log"; then
    echo "test.sh: FAILED: the build failed; projects that built were still tested:" >&2
    grep ': error ' "$log" | sort -u | head -20 >&2
    status=$((status == 0 ? 1 : status))
elif ((status != 0 && failed == 0)); then
    echo "test.sh: FAILED: dotnet test exited with $status although no test failed (crashed test host?)" >&2
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then
    summary+=", $skipped skipped"
fi
echo "$summary"

if ((failed > 0)); then
    exit 1
fi
exit "$status"
