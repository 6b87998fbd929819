#!/usr/bin/env bash
# bench/run.sh: measure helpmock against the fixed-bytes ceiling and Prism, side by side.
#
# Builds helpmock, the ceiling (bench/ceiling) and the helper (bench/benchtool); installs wrk
# (Debian) and the pinned Prism (npm, into bench/node_modules) when missing; then, for
# ROUNDS rounds, starts each server on a free loopback port and times its first answer,
# runs wrk against both operations with JSON and XML answers on every server back to back
# (a different order each case and round), reads each server's peak RSS and stops it by
# its PID. The medians and ratios are printed and written to bench/results.md.
#
# Environment: DURATION (wrk -d per run, default 3s), ROUNDS (default 7), CONNECTIONS
# (wrk -c, default 32), THREADS (wrk -t, default 2), WARMUP (wrk -d before measuring,
# default 1s), SERVERS (default "helpmock helpmock-log-off ceiling ceiling-paced prism"),
# PACE (ceiling-paced's -work, e.g. 20us; default: calibrated, see pace below), PIN (default 1:
# with taskset and 2 or more CPUs, each server runs on the first half of the CPUs and wrk,
# benchtool and helpmock verify on the other half, so that the load generator does not take
# the server's CPU time and latency measures the server, not the scheduler; 0: everything
# shares every CPU).
set -euo pipefail

DURATION=${DURATION:-3s}
ROUNDS=${ROUNDS:-7}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-1s}
SERVERS=${SERVERS:-helpmock helpmock-log-off ceiling ceiling-paced prism}
PIN=${PIN:-1}

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BIN=$BENCH/.bin
OUT=$BENCH/.out
RAW=$OUT/raw.tsv

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# Every server still running is stopped by its own PID when the script exits.
source "$BENCH/servers.sh"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root to run: $*"
	fi
}

# --- tools -------------------------------------------------------------------------------
command -v go >/dev/null || die "go is not installed"
mkdir -p "$BIN" "$OUT"
log "building helpmock, ceiling and benchtool"
(cd "$ROOT" && go build -o "$BIN/helpmock" ./cmd/helpmock &&
	go build -o "$BIN/ceiling" ./bench/ceiling &&
	go build -o "$BIN/benchtool" ./bench/benchtool) || die "go build failed"

if ! command -v wrk >/dev/null; then
	log "installing wrk (apt-get)"
	as_root apt-get install -y wrk >/dev/null ||
		{ as_root apt-get update >/dev/null && as_root apt-get install -y wrk >/dev/null; } ||
		die "could not install wrk"
fi

PRISM=$BENCH/node_modules/.bin/prism
if [[ " $SERVERS " == *" prism "* ]]; then
	command -v npm >/dev/null || die "npm is not installed (apt-get install -y npm), or set SERVERS without prism"
	want=$(cd "$BENCH" && node -p 'require("./package.json").dependencies["@stoplight/prism-cli"]')
	have=$([ -x "$PRISM" ] && "$PRISM" --version 2>/dev/null || true)
	if [ "$have" != "$want" ]; then
		log "installing @stoplight/prism-cli@$want (npm ci into bench/node_modules)"
		(cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
	fi
fi

# --- CPUs ------------------------------------------------------------------------------
# SERVER_PREFIX starts a server on its CPUs; on_load runs a command on the load generator's.
NCPU=$(nproc)
if [ "$PIN" = 1 ] && [ "$NCPU" -ge 2 ] && command -v taskset >/dev/null; then
	SERVER_CPUS=0-$((NCPU / 2 - 1))
	LOAD_CPUS=$((NCPU / 2))-$((NCPU - 1))
	SERVER_PREFIX="taskset -c $SERVER_CPUS"
	on_load() { taskset -c "$LOAD_CPUS" "$@"; }
	CPU_NOTE="CPUs: each server on CPUs $SERVER_CPUS, wrk, benchtool and helpmock verify on CPUs $LOAD_CPUS (taskset; PIN=0 shares them)"
else
	SERVER_PREFIX=
	on_load() { "$@"; }
	CPU_NOTE="CPUs: the servers and wrk share all $NCPU CPUs (PIN=$PIN)"
fi
log "$CPU_NOTE"

# --- what is measured -------------------------------------------------------------------
# case name | path | request body | Accept
CASES=(
	"refreshToken JSON|/api/v2/account/refreshtoken|$BENCH/bodies/refreshToken.json|application/json"
	"refreshToken XML|/api/v2/account/refreshtoken|$BENCH/bodies/refreshToken.json|application/xml"
	"pfmsGetRefreshToken JSON|/api/PFMS/pfms_get_refresh_token|$BENCH/bodies/pfmsGetRefreshToken.json|application/json"
	"pfmsGetRefreshToken XML|/api/PFMS/pfms_get_refresh_token|$BENCH/bodies/pfmsGetRefreshToken.json|application/xml"
)

server_command() {
	case $1 in
	helpmock) echo "$BIN/helpmock serve -addr 127.0.0.1:{port}" ;;
	helpmock-log-off) echo "$BIN/helpmock serve -addr 127.0.0.1:{port} -log-level warn" ;;
	ceiling) echo "$BIN/ceiling -addr 127.0.0.1:{port}" ;;
	ceiling-paced) echo "$BIN/ceiling -addr 127.0.0.1:{port} -work $PACE" ;;
	prism) echo "$PRISM mock $ROOT/openapi.yaml -h 127.0.0.1 -p {port}" ;;
	*) die "unknown server $1" ;;
	esac
}

# Per round, every server is started, then each case is measured on every server back to
# back, so that the runs compared in a ratio are seconds apart, not minutes: on a shared
# machine the noise drifts. Then each server's peak RSS is read and it is stopped.
declare -A SPID SPORT SSTART SROWS

# start_server NAME ROUND: start NAME, time its first answer, warm it up.
start_server() {
	local name=$1 round=$2 pid port startup cname path body accept
	# shellcheck disable=SC2046 # the command is split into words on purpose
	read -r pid port startup < <(on_load "$BIN/benchtool" launch -log "$OUT/$name.round$round.log" \
		-url "http://127.0.0.1:{port}/api/v2/account/refreshtoken" -body "$BENCH/bodies/refreshToken.json" \
		-- $SERVER_PREFIX $(server_command "$name")) || die "$name did not start (see $OUT/$name.round$round.log)"
	PIDS+=("$pid")
	SPID[$name]=$pid SPORT[$name]=$port SSTART[$name]=$startup SROWS[$name]=
	log "round $round: $name pid $pid port $port, first answer after $startup ms"
	IFS='|' read -r cname path body accept <<<"${CASES[0]}"
	BENCH_BODY=$body BENCH_ACCEPT=$accept on_load wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" \
		-s "$BENCH/post.lua" "http://127.0.0.1:$port$path" >/dev/null
}

# measure_case NAME ROUND CASE: check the answer, then run wrk; the row goes to SROWS[NAME].
measure_case() {
	local name=$1 round=$2 cname path body accept got ct line out port=${SPORT[$1]}
	IFS='|' read -r cname path body accept <<<"$3"
	got=$(curl -sS -o /dev/null -w '%{http_code} %{content_type}' -X POST \
		-H 'Content-Type: application/json' -H "Accept: $accept" --data-binary "@$body" \
		"http://127.0.0.1:$port$path") || got="000 none"
	ct=${got#* }
	[ "${got%% *}" = 200 ] || log "warning: $name $cname answered ${got%% *} before the run"
	out="$OUT/wrk.$name.$round.${cname// /_}.txt"
	BENCH_BODY=$body BENCH_ACCEPT=$accept on_load wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency \
		-s "$BENCH/post.lua" "http://127.0.0.1:$port$path" >"$out"
	line=$(grep '^RESULT' "$out") || die "no RESULT line from wrk for $name $cname"
	SROWS[$name]+="$round	$name	$cname	$(cut -f2- <<<"$line")	${ct:-none}"$'\n'
	log "round $round: $name $cname: $(cut -f2 <<<"$line") req/s, p99 $(cut -f4 <<<"$line") ms"
}

# finish_server NAME ROUND: read the peak RSS, time helpmock verify, stop; rows to $RAW.
finish_server() {
	local name=$1 round=$2 rss row pid=${SPID[$1]}
	rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
	if [ "$name" = helpmock ]; then
		time_verify "${SPORT[$name]}" "$round"
	fi
	stop_server "$pid"
	while IFS= read -r row; do
		if [ -n "$row" ]; then
			printf '%s\t%s\t%s\n' "$row" "$rss" "${SSTART[$name]}" >>"$RAW"
		fi
	done <<<"${SROWS[$name]}"
}

# time_verify PORT ROUND: the whole contract suite (`helpmock verify`) against the mock on
# PORT, from starting the command to its exit; milliseconds appended to VERIFY_MS.
declare -a VERIFY_MS=()
time_verify() {
	local port=$1 round=$2 t0 t1 code=0
	t0=$(date +%s%N)
	on_load "$BIN/helpmock" verify -target "http://127.0.0.1:$port" >"$OUT/verify.round$round.txt" 2>&1 || code=$?
	t1=$(date +%s%N)
	[ "$code" = 0 ] || log "warning: helpmock verify exited $code (see $OUT/verify.round$round.txt)"
	VERIFY_MS+=("$(((t1 - t0) / 1000))e-3")
	log "round $round: helpmock verify: $(((t1 - t0) / 1000000)) ms, exit $code"
}

# --- pace -------------------------------------------------------------------------------
# ceiling-paced is the ceiling made slower per request by just enough CPU work (ceiling
# -work) to answer at helpmock's requests/s: a fixed-bytes server at helpmock's pace, whose
# latency tells how much of helpmock's comes from its pace alone. Unless PACE is given, the
# work is calibrated once before the rounds on the first case: three alternating runs of
# helpmock and the ceiling, work = 1/(helpmock's median rate) - 1/(the ceiling's).

# rate NAME: requests/s of the running server NAME on the first case.
rate() {
	local cname path body accept
	IFS='|' read -r cname path body accept <<<"${CASES[0]}"
	BENCH_BODY=$body BENCH_ACCEPT=$accept on_load wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" \
		-s "$BENCH/post.lua" "http://127.0.0.1:${SPORT[$1]}$path" | awk -F'\t' '/^RESULT/ {print $2}'
}

# middle_of_3 A B C: the median of three numbers.
middle_of_3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

PACE_NOTES=()
if [[ " $SERVERS " == *" ceiling-paced "* ]]; then
	if [ -z "${PACE:-}" ]; then
		start_server helpmock pace
		start_server ceiling pace
		h=() c=()
		for _ in 1 2 3; do
			h+=("$(rate helpmock)")
			c+=("$(rate ceiling)")
		done
		stop_server "${SPID[helpmock]}"
		stop_server "${SPID[ceiling]}"
		hm_rate=$(middle_of_3 "${h[@]}") ceiling_rate=$(middle_of_3 "${c[@]}")
		awk -v h="$hm_rate" -v c="$ceiling_rate" 'BEGIN { exit !(h > 0 && c > 0) }' ||
			die "pace: no rate to calibrate ceiling-paced with (helpmock: ${h[*]}; ceiling: ${c[*]})"
		PACE=$(awk -v h="$hm_rate" -v c="$ceiling_rate" 'BEGIN { w = 1e6 / h - 1e6 / c; printf "%.1fus", (w > 0 ? w : 0) }')
		how="calibrated on ${CASES[0]%%|*} (helpmock $hm_rate req/s, ceiling $ceiling_rate req/s: medians of 3 alternating runs)"
	else
		how="given (PACE)"
	fi
	log "pace: ceiling-paced runs with -work $PACE, $how"
	PACE_NOTES=(-note "ceiling at helpmock's pace: \`ceiling -work $PACE\`, busy that long on each request before answering, $how; not a target: it tells how much of helpmock's latency its pace alone explains")
fi

# --- run --------------------------------------------------------------------------------
read -r -a servers <<<"$SERVERS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
printf 'round\tserver\tcase\trps\tp50_ms\tp99_ms\tp999_ms\terrors\trequests\tcontent_type\trss_kib\tstartup_ms\n' >"$RAW"
n=${#servers[@]}
for round in $(seq "$ROUNDS"); do
	# A different order each round, and each case starts with a different server.
	order=()
	for i in $(seq 0 $((n - 1))); do
		order+=("${servers[$(((i + round - 1) % n))]}")
	done
	# Prism starts last: Node keeps its CPU busy for a while after its first answer, which
	# would slow the start-up of a server started next on the same CPU.
	for name in "${order[@]}"; do
		[ "$name" = prism ] || start_server "$name" "$round"
	done
	for name in "${order[@]}"; do
		if [ "$name" = prism ]; then
			start_server "$name" "$round"
			sleep 2 # and it settles before the first run
		fi
	done
	k=0
	for c in "${CASES[@]}"; do
		for i in $(seq 0 $((n - 1))); do
			measure_case "${order[$(((i + k) % n))]}" "$round" "$c"
		done
		k=$((k + 1))
	done
	for name in "${order[@]}"; do
		finish_server "$name" "$round"
	done
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
verify_flags=()
for v in "${VERIFY_MS[@]}"; do verify_flags+=(-verify-ms "$v"); done
"$BIN/benchtool" report -in "$RAW" -md "$BENCH/results.md" "${verify_flags[@]}" \
	-note "Load: wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'), -t $THREADS -c $CONNECTIONS -d $DURATION per run after a $WARMUP warm-up, on the same machine as the server; POST of the docs' JSON request body, Accept: application/json or application/xml" \
	-note "$CPU_NOTE" \
	-note "Figures: medians of $ROUNDS rounds; each round starts every server afresh, then measures each case on every server back to back (a different order each case and round); a ratio is the median of the rounds' ratios, each from runs seconds apart; errors = socket errors + answers ≥ 400, summed over the rounds" \
	-note "helpmock verify: the whole contract suite against the default helpmock, timed from starting the command to its exit, once per round" \
	-note "Start to first answer: from starting the process to the first 2xx answer to a POST polled in a tight loop (bench/benchtool launch); peak RSS: VmHWM after the runs" \
	-note "helpmock: \`helpmock serve\` with the embedded spec and fixtures, request log (Info, text) to a file; log off: \`-log-level warn\`" \
	"${PACE_NOTES[@]}" \
	-note "Prism: @stoplight/prism-cli $([ -x "$PRISM" ] && "$PRISM" --version 2>/dev/null || echo 'not run') on Node $(node --version 2>/dev/null || echo '?'), \`prism mock openapi.yaml\`, default log to a file; for Accept: application/xml it answers the spec's XML example string (and adds an sl-violations header)" \
	-note "Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $LOAD_AFTER (other work on the machine makes the figures noisier)" \
	-note "Reproduce: \`bench/run.sh\` (DURATION, ROUNDS, CONNECTIONS, THREADS, WARMUP, SERVERS, PACE, PIN override); raw rows in bench/.out/raw.tsv"
