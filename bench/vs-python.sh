#!/usr/bin/env bash
# vs-python.sh: jixiao against the Python script a user would write instead
# (shared/baseline/pipeline.py, python-docx + jieba), on the same generated files with the
# same number of workers, one after the other in one run, REPEATS times each.
#
#   bench/vs-python.sh COUNTIES [WORKERS] [REPEATS]
#   bench/vs-python.sh 6          # about 1,000 reports (961)
#   bench/vs-python.sh 62         # about 10,000 reports (10,297)
#
# Needs: go, /usr/bin/time, python3 with python-docx and jieba
# (apt-get install -y python3-docx python3-jieba). The corpus is a national batch
# (jixiao-corpus --counties COUNTIES --seed 16) written under $BENCH_DIR (default
# /tmp/jixiao-bench), gold files kept apart. Prints each run's wall time, CPU and peak
# RSS, then the ratio of the medians.
set -euo pipefail

counties=${1:?usage: vs-python.sh COUNTIES [WORKERS] [REPEATS]}
workers=${2:-2}
repeats=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/jixiao-bench}
baseline=${BASELINE:-$root/../../shared/baseline/pipeline.py}
[ -f "$baseline" ] || baseline=/work/shared/baseline/pipeline.py
python=${PYTHON:-/usr/bin/python3} # the system Python, where apt installs python3-docx and python3-jieba
mkdir -p "$dir"

(cd "$root" && go build -o "$dir/jixiao" ./cmd/jixiao && go build -o "$dir/jixiao-corpus" ./cmd/jixiao-corpus)
corpus=$dir/n$counties
if [ ! -d "$corpus" ]; then
	"$dir/jixiao-corpus" --counties "$counties" -o "$corpus" --gold-dir "$corpus-gold" --seed 16
fi
n=$(find "$corpus" -type f | wc -l)
echo "corpus: $corpus, $n reports; workers $workers; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME CMD...: one timed run, printing "NAME wall user sys rss_kb" and keeping the wall time.
run() {
	local name=$1
	shift
	local t
	/usr/bin/time -o "$dir/$name.time" -f "%e %U %S %M" "$@" >/dev/null 2>"$dir/$name.log" ||
		{ echo "$name failed (see $dir/$name.log)" >&2; return 1; }
	t=$(tail -1 "$dir/$name.time")
	echo "$name $t"
	echo "${t%% *}" >>"$dir/$name.times"
}

rm -f "$dir/python.times" "$dir/jixiao.times"
for _ in $(seq "$repeats"); do
	rm -rf "$dir/out-py" "$dir/out-jx"
	run python "$python" "$baseline" "$corpus" "$dir/out-py" --workers "$workers"
	run jixiao "$dir/jixiao" run "$corpus" -o "$dir/out-jx" -j "$workers" -q
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
py=$(median "$dir/python.times")
jx=$(median "$dir/jixiao.times")
echo "(columns: wall s, user s, sys s, peak RSS KB)"
awk -v n="$n" -v py="$py" -v jx="$jx" 'BEGIN {printf "median wall: python %.2f s (%.0f reports/s), jixiao %.2f s (%.0f reports/s): jixiao %.2fx\n", py, n/py, jx, n/jx, py/jx}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
