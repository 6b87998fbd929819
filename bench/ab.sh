#!/usr/bin/env bash
# bench/ab.sh: compare builds of helpmock side by side, the first against each other one.
#
#   bench/ab.sh NAME=BINARY NAME=BINARY [...]
#
# The way bench/run.sh measures one build against the ceiling, this measures builds against
# each other (a build without a fast path against the build with it): per round it starts
# every build afresh on a free loopback port, runs wrk against both operations with JSON
# and XML answers on every build back to back (a different order each case and round),
# reads each build's peak RSS and stops it by its PID. Then, for start-up, STARTS rounds
# start each build in turn (a different order each round) and time its first answer.
# The figures are medians; a ratio or difference is the median of the rounds' own, each
# from runs seconds apart, so that the drift of a shared machine cancels out. Besides
# requests/s it reads the CPU time each build spent per request (the sum of its threads'
# run time, /proc/PID/task/*/schedstat, over the run): on a machine that other work keeps
# busy, requests/s mostly measures how much CPU the server was given, while its CPU time
# per request still measures the server; likewise its CPU time to the first answer.
#
# Environment: ROUNDS (default 7), DURATION (wrk -d per run, default 2s), WARMUP (default
# 1s), CONNECTIONS (default 32), THREADS (default 2), STARTS (default 30), PIN (as in
# run.sh, default 1), ARGS (extra arguments to `helpmock serve`). Raw rows go to
# bench/.out/ab.tsv and bench/.out/ab-start.tsv.
set -euo pipefail

ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-2s}
WARMUP=${WARMUP:-1s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
STARTS=${STARTS:-30}
PIN=${PIN:-1}
ARGS=${ARGS:-}

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BIN=$BENCH/.bin
OUT=$BENCH/.out

log() { printf 'ab.sh: %s\n' "$*" >&2; }
die() { printf 'ab.sh: error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: bench/ab.sh NAME=BINARY NAME=BINARY [...]"
declare -a NAMES=()
declare -A BINARY
for arg in "$@"; do
	name=${arg%%=*} path=${arg#*=}
	[ "$name" != "$arg" ] && [ -x "$path" ] || die "$arg: want NAME=BINARY, an executable"
	NAMES+=("$name")
	BINARY[$name]=$path
done
command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"

source "$BENCH/servers.sh"

mkdir -p "$BIN" "$OUT"
(cd "$ROOT" && go build -o "$BIN/benchtool" ./bench/benchtool) || die "go build failed"

NCPU=$(nproc)
if [ "$PIN" = 1 ] && [ "$NCPU" -ge 2 ] && command -v taskset >/dev/null; then
	SERVER_PREFIX="taskset -c 0-$((NCPU / 2 - 1))"
	on_load() { taskset -c "$((NCPU / 2))-$((NCPU - 1))" "$@"; }
else
	SERVER_PREFIX=
	on_load() { "$@"; }
fi

CASES=(
	"refreshToken JSON|/api/v2/account/refreshtoken|$BENCH/bodies/refreshToken.json|application/json"
	"refreshToken XML|/api/v2/account/refreshtoken|$BENCH/bodies/refreshToken.json|application/xml"
	"pfmsGetRefreshToken JSON|/api/PFMS/pfms_get_refresh_token|$BENCH/bodies/pfmsGetRefreshToken.json|application/json"
	"pfmsGetRefreshToken XML|/api/PFMS/pfms_get_refresh_token|$BENCH/bodies/pfmsGetRefreshToken.json|application/xml"
)

# cpu_ns PID: the CPU time PID's threads have run, in nanoseconds.
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{s += $1} END {printf "%.0f", s}'; }

# launch NAME: start NAME; prints "pid port startup_ms".
launch() {
	# shellcheck disable=SC2086 # the prefix and ARGS are split into words on purpose
	on_load "$BIN/benchtool" launch -log "$OUT/ab.$1.log" \
		-url "http://127.0.0.1:{port}/api/v2/account/refreshtoken" -body "$BENCH/bodies/refreshToken.json" \
		-- $SERVER_PREFIX "${BINARY[$1]}" serve -addr '127.0.0.1:{port}' $ARGS
}

n=${#NAMES[@]}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RAW=$OUT/ab.tsv
printf 'round\tbuild\tcase\trps\tp99_ms\trss_kib\tcpu_us_per_request\n' >"$RAW"
declare -A SPID SPORT
for round in $(seq "$ROUNDS"); do
	order=()
	for i in $(seq 0 $((n - 1))); do order+=("${NAMES[$(((i + round - 1) % n))]}"); done
	for name in "${order[@]}"; do
		read -r pid port _ < <(launch "$name") || die "$name did not start (see $OUT/ab.$name.log)"
		PIDS+=("$pid")
		SPID[$name]=$pid SPORT[$name]=$port
		BENCH_BODY=$BENCH/bodies/refreshToken.json BENCH_ACCEPT=application/json on_load wrk -t "$THREADS" \
			-c "$CONNECTIONS" -d "$WARMUP" -s "$BENCH/post.lua" \
			"http://127.0.0.1:$port/api/v2/account/refreshtoken" >/dev/null
	done
	k=0
	for c in "${CASES[@]}"; do
		IFS='|' read -r cname path body accept <<<"$c"
		for i in $(seq 0 $((n - 1))); do
			name=${order[$(((i + k) % n))]}
			cpu0=$(cpu_ns "${SPID[$name]}")
			line=$(BENCH_BODY=$body BENCH_ACCEPT=$accept on_load wrk -t "$THREADS" -c "$CONNECTIONS" \
				-d "$DURATION" --latency -s "$BENCH/post.lua" "http://127.0.0.1:${SPORT[$name]}$path" |
				grep '^RESULT') || die "no RESULT line from wrk for $name $cname"
			cpu1=$(cpu_ns "${SPID[$name]}")
			if [ "$(cut -f6 <<<"$line")" != 0 ]; then
				log "round $round: $name $cname: socket errors or answers >= 400, run left out: $line"
				continue
			fi
			printf '%s\t%s\t%s\t%s\t%s\t\t%s\n' "$round" "$name" "$cname" "$(cut -f2 <<<"$line")" \
				"$(cut -f4 <<<"$line")" "$(awk -v a="$cpu0" -v b="$cpu1" -v n="$(cut -f7 <<<"$line")" \
				'BEGIN {printf "%.3f", (b - a) / 1000 / n}')" >>"$RAW"
		done
		k=$((k + 1))
	done
	for name in "${order[@]}"; do
		rss=$(awk '/^VmHWM:/ {print $2}' "/proc/${SPID[$name]}/status")
		printf '%s\t%s\tpeak RSS\t\t\t%s\n' "$round" "$name" "$rss" >>"$RAW"
		stop_server "${SPID[$name]}"
	done
	log "round $round of $ROUNDS done"
done

START=$OUT/ab-start.tsv
printf 'round\tbuild\tstartup_ms\tcpu_ms\n' >"$START"
for round in $(seq "$STARTS"); do
	for i in $(seq 0 $((n - 1))); do
		name=${NAMES[$(((i + round - 1) % n))]}
		read -r pid _ startup < <(launch "$name") || die "$name did not start (see $OUT/ab.$name.log)"
		PIDS+=("$pid")
		cpu=$(cpu_ns "$pid")
		stop_server "$pid"
		printf '%s\t%s\t%s\t%s\n' "$round" "$name" "$startup" "$(awk -v c="$cpu" 'BEGIN {printf "%.2f", c / 1e6}')" >>"$START"
	done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Medians, and the median of each round's ratio (req/s) or difference (ms) to the first build.
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
base=${NAMES[0]}
printf '\n%s rounds of %s per run (wrk -t %s -c %s), %s start-ups each; load average before %s, after %s\n\n' \
	"$ROUNDS" "$DURATION" "$THREADS" "$CONNECTIONS" "$STARTS" "$LOAD_BEFORE" "$LOAD_AFTER"
printf '| Measure | %s |\n|---|%s\n' "$(IFS='|'; echo "${NAMES[*]}" | sed 's/|/ | /g')" "$(printf -- '---:|%.0s' "${NAMES[@]}")"
# ratio_rows LABEL COLUMN FORMAT prints one row per case: the median of raw column COLUMN
# for each build (printf FORMAT), and for every build but the first the median of the
# rounds' ratios to it.
ratio_rows() {
	local label=$1 col=$2 fmt=$3 c cname row name m r
	for c in "${CASES[@]}"; do
		cname=${c%%|*}
		row="| $cname $label"
		for name in "${NAMES[@]}"; do
			m=$(awk -F'\t' -v b="$name" -v c="$cname" -v k="$col" '$2 == b && $3 == c {print $k}' "$RAW" | median)
			if [ "$name" = "$base" ]; then
				row+=" | $(printf "$fmt" "$m")"
			else
				r=$(awk -F'\t' -v a="$base" -v b="$name" -v c="$cname" -v k="$col" '$3 == c && $2 == a {x[$1] = $k} $3 == c && $2 == b {y[$1] = $k}
					END {for (i in y) if (i in x) print y[i] / x[i]}' "$RAW" | median)
				row+=" | $(printf "$fmt (%.3f×)" "$m" "$r")"
			fi
		done
		echo "$row |"
	done
}
ratio_rows "req/s (× $base, median of rounds' ratios)" 4 '%.0f'
ratio_rows "CPU µs per request (× $base)" 7 '%.2f'
# start_row LABEL COL: one row of the start-up table, column COL of $START: each build's
# median, and beside the others the median of the rounds' differences to the base.
start_row() {
	local row="| $1 (− $base, median of rounds' differences)" name m d
	for name in "${NAMES[@]}"; do
		m=$(awk -F'\t' -v b="$name" -v c="$2" '$2 == b {print $c}' "$START" | median)
		if [ "$name" = "$base" ]; then
			row+=" | $m"
		else
			d=$(awk -F'\t' -v a="$base" -v b="$name" -v c="$2" '$2 == a {x[$1] = $c} $2 == b {y[$1] = $c}
				END {for (k in y) if (k in x) print y[k] - x[k]}' "$START" | median)
			row+=" | $(printf '%s (%+.2f)' "$m" "$d")"
		fi
	done
	echo "$row |"
}
start_row "start to first answer, ms" 3
start_row "CPU ms to first answer" 4
row="| peak RSS, MB"
for name in "${NAMES[@]}"; do
	m=$(awk -F'\t' -v b="$name" '$2 == b && $3 == "peak RSS" {print $6}' "$RAW" | median)
	row+=" | $(awk -v k="$m" 'BEGIN {printf "%.1f", k * 1024 / 1e6}')"
done
echo "$row |"
