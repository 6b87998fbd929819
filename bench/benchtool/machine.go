package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// machine describes the machine the figures come from: CPU model and count, memory,
// kernel and Go version. Fields that cannot be read are left out.
func machine() []string {
	var out []string
	cpu := firstValue("/proc/cpuinfo", "model name")
	if cpu == "" {
		cpu = runtime.GOARCH
	}
	out = append(out, fmt.Sprintf("Machine: %s, %d CPUs available to Go (GOMAXPROCS %d)", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0)))
	if mem := firstValue("/proc/meminfo", "MemTotal"); mem != "" {
		out = append(out, "Memory: "+mem)
	}
	if k, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		out = append(out, fmt.Sprintf("Kernel: %s %s", runtime.GOOS, strings.TrimSpace(string(k))))
	}
	out = append(out, "Go: "+runtime.Version())
	return out
}

// firstValue returns the value of the first "key: value" line of a /proc file with key.
func firstValue(path, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
