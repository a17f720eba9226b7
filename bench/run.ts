// `npm run bench [name…]`: runs each benchmark in turn and prints its figures.
const all = [
  'responsiveness',
  'classification',
  'appeal-intake',
  'appeal-stats',
  'enterprise-import',
  'early-warning',
  'policy-matching',
  'policy-search',
  'cluster',
] as const;
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : [...all];
for (const name of chosen) {
  if (!(all as readonly string[]).includes(name)) throw new Error(`unknown benchmark ${name}; known: ${all.join(', ')}`);
  console.log(`\n## ${name}`);
  const mod = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
  await mod.run();
}
