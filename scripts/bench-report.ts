// `npm run bench:report`: only the report part of `npm run bench` (see scripts/bench/report.ts).
import { benchReport, median, percentile } from './bench/report.ts';

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
const ms1 = (value: number) => `${value.toFixed(1)} ms`;
const saves = (label: string, times: number[]) =>
  `  ${label} n ${times.length}   p50 ${ms1(percentile(times, 50))}   p99 ${ms1(percentile(times, 99))}   max ${ms1(Math.max(...times))}`;
console.log('An answer save (one tablet, one save at a time):');
console.log(saves('alone               ', result.savesAlone));
console.log(saves('while the report runs', result.savesDuringReport));
