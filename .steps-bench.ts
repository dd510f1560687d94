// Local measuring aid (not committed): CPU and wall ms of each build step, process-wide CPU.
const t0 = performance.now(); const c0 = process.cpuUsage();
const { build } = await import("./src/build/build.ts");
let lastT = performance.now(), lastC = process.cpuUsage(), last = "imports";
const rows: string[] = [];
const cpu = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
rows.push(`${(lastT - t0).toFixed(0).padStart(6)} wall ${cpu(process.cpuUsage(c0)).toFixed(0).padStart(6)} cpu  process start + imports`);
const mark = (next: string) => { const t = performance.now(), c = process.cpuUsage(); rows.push(`${(t - lastT).toFixed(0).padStart(6)} wall ${(cpu(c) - cpu(lastC)).toFixed(0).padStart(6)} cpu  ${last.slice(0, 70)}`); lastT = t; lastC = c; last = next; };
const args = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 1);
for (let r = 0; r < runs; r++) {
  if (r > 0) { const { execSync } = await import("node:child_process"); execSync("/tmp/load/edit.sh"); rows.push(`--- run ${r + 1} (same process)`); last = "between"; lastT = performance.now(); lastC = process.cpuUsage(); }
  await build({ contentDir: args[0]!, outDir: args[1]!, siteUrl: "http://127.0.0.1:9999", progress: (line) => { if (/^step /.test(line)) mark(line); } });
  mark("end");
}
console.log(rows.join("\n"));
