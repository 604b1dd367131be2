// `npm run bench:district`: a whole district measured; see bench-district-run.ts.
import { allowFeatureImports } from './feature-imports.ts';

allowFeatureImports();
await import('./bench-district-run.ts');
