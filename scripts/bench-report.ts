// `npm run bench:report`: only the report part of `npm run bench` (see scripts/bench/report.ts).
import { benchReport, median } from './bench/report.ts';

const result = await benchReport();
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(
  `Module report over ${result.attempts.toLocaleString('en')} attempts and ${result.answers.toLocaleString('en')} answers`,
);
console.log(
  `(seeded in ${(result.seededMs / 1000).toFixed(1)} s; ${result.pairs.toLocaleString('en')} pairs; <g> = ${result.classGain?.toFixed(3) ?? '—'})`,
);
console.log(`  query       best ${ms(Math.min(...result.query))}   median ${ms(median(result.query))}`);
console.log(`  statistics  best ${ms(Math.min(...result.statistics))}   median ${ms(median(result.statistics))}`);
console.log(
  `  total       best ${ms(Math.min(...result.total))}   median ${ms(median(result.total))}   (aim: under 1000 ms)`,
);
