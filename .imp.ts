const t0 = performance.now();
for (const m of (process.env.MODS ?? "").split(",")) { const t = performance.now(); await import(m); console.log((performance.now() - t).toFixed(0).padStart(5), m); }
console.log((performance.now() - t0).toFixed(0).padStart(5), "total");
