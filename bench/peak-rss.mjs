// Preloaded into a timed CLI run (NODE_OPTIONS=--import=...): at exit, writes the
// process's peak resident memory in bytes to the file named by LOOPSCOPE_BENCH_RSS.
import { writeFileSync } from "node:fs";
const target = process.env.LOOPSCOPE_BENCH_RSS;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
