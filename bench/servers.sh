# bench/servers.sh: sourced by bench/run.sh and bench/ab.sh. Every server they start is
# added to PIDS and stopped by its own PID when the script exits.
declare -a PIDS=()
stop_server() {
	local pid=$1 i
	kill "$pid" 2>/dev/null || return 0
	for i in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.05
	done
	kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		stop_server "$pid"
	done
}
trap cleanup EXIT
