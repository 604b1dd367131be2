// Preloaded (`node --import`) into a script that a test starts twice at "the same moment": loads the
// script's heavy modules first, says `ready` on stderr, and holds the script back until the test writes a
// line to its stdin. On a busy 2-core machine two Node starts drift apart by a second or more; this lines
// them up to within a millisecond, as two instances on a roomier server would start.
import '../../db/client.ts';
import '../../db/migrate.ts';
process.stderr.write('ready\n');
await new Promise<void>((resolve) => {
  process.stdin.once('data', () => {
    process.stdin.destroy();
    resolve();
  });
});
