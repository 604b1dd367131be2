// `npm run bench:import`: times reading, dry-running and importing 15,000 rows; see bench-import-run.ts.
import { allowFeatureImports } from './feature-imports.ts';

allowFeatureImports();
await import('./bench-import-run.ts');
