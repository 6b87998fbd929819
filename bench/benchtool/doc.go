// Command benchtool is bench/run.sh's helper: it starts a server and times its first
// answer, and it turns the raw measurements into the results table.
//
//	benchtool launch -log FILE -url URL [-body FILE -content-type CT] -- CMD ARGS...
//
// picks a free loopback port, replaces {port} in CMD ARGS and URL with it, starts the
// command (output to FILE), POSTs to URL in a tight loop until a 2xx answer arrives, and
// prints "PID PORT MILLISECONDS": the server's process id, its port and the time from
// starting the process to its first answer. The server keeps running; the caller stops it
// by its PID.
//
//	benchtool report -in RAW.tsv -md results.md [-note TEXT]...
//
// reads the rows run.sh collected (see Row), prints the table of medians and ratios and
// writes it as Markdown.
package main
