// Preloaded into a timed CLI run (NODE_OPTIONS=--import=...): at exit, writes the process's
// resource use to the file named by LOOPSCOPE_BENCH_RSS, as JSON: peak resident memory in
// bytes, user and system CPU time in ms, and minor page faults (first touches of memory,
// which are costly on some virtual machines: see bench/page-cost.mjs).
import { writeFileSync } from "node:fs";
const target = process.env.LOOPSCOPE_BENCH_RSS;
if (target) {
  process.on("exit", () => {
    const use = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ rss: use.maxRSS * 1024, userMs: use.userCPUTime / 1000, systemMs: use.systemCPUTime / 1000, faults: use.minorPageFault }));
  });
}
