// The floor `npm run bench` compares the app with: a bare `node:http` server that stores each answer it is sent
// in a libSQL file with the app's durability (WAL, `synchronous = FULL`) and answers once it is committed. Run
// as its own process: `node scripts/bench/bare-server.ts FILE PORT single|group`. `single` commits each request
// alone; `group` lets the requests that arrive together share one commit, as the app's group commit does.
import http from 'node:http';
import { createClient, type InStatement } from '@libsql/client';

const [file = '', port = '0', mode = 'single'] = process.argv.slice(2);
const client = createClient({ url: `file:${file}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('PRAGMA synchronous = FULL');
await client.execute(`create table if not exists answers (attempt_id text not null, question_id text not null,
  option_id text not null, answered_at integer not null, primary key (attempt_id, question_id))`);

const upsert = (answer: { attemptId: string; questionId: string; optionId: string }): InStatement => ({
  sql: `insert into answers values (?, ?, ?, ?) on conflict (attempt_id, question_id)
    do update set option_id = excluded.option_id, answered_at = excluded.answered_at`,
  args: [answer.attemptId, answer.questionId, answer.optionId, Date.now()],
});

let queue: { statement: InStatement; done: (ok: boolean) => void }[] = [];
const flush = async () => {
  const group = queue;
  queue = [];
  try {
    await client.batch(
      group.map((queued) => queued.statement),
      'write',
    );
    for (const queued of group) queued.done(true);
  } catch {
    for (const queued of group) queued.done(false);
  }
};
const store = (statement: InStatement) =>
  mode === 'group'
    ? new Promise<boolean>((done) => {
        if (queue.push({ statement, done }) === 1) setImmediate(() => void flush());
      })
    : client.execute(statement).then(
        () => true,
        () => false,
      );

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as {
            attemptId: string;
            answers: { questionId: string; optionId: string }[];
          };
          const answer = body.answers[0];
          if (!answer) throw new Error('no answer');
          const ok = await store(upsert({ attemptId: body.attemptId, ...answer }));
          res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' });
          res.end(ok ? '{"changed":1}' : '{}');
        } catch {
          res.writeHead(400);
          res.end();
        }
      })();
    });
  })
  .listen(Number(port), '127.0.0.1', () => {
    process.send?.('ready');
  });
