// Command ceiling is the fixed-bytes server bench/run.sh measures helpmock against: for
// each of the two documented operations it answers every request with the Help Page's
// sample response, as JSON or, when the Accept header mentions XML, as XML, and does
// nothing else (no routing rules, no validation, no negotiation, no logging). It is the
// ceiling: no server answering over net/http on the same machine can be much faster.
//
//	ceiling -addr 127.0.0.1:0 [-work 20us]
//
// prints "ceiling listening on http://ADDR" once it accepts connections. With -work it
// keeps the CPU busy that long on each request before answering: bench/run.sh runs it so
// (ceiling-paced) at helpmock's requests/s, so that latency can be compared with a
// fixed-bytes server at the same pace.
package main
