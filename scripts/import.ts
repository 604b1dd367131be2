// `npm run import -- FILE [--dry-run]` and `npm run import -- --template FILE`: see import-cli.ts.
import { allowFeatureImports } from './feature-imports.ts';

allowFeatureImports();
await import('./import-cli.ts');
