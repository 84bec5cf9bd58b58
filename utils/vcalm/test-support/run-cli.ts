// Runs the exchange CLI's main() in process with its output captured (for the CLI's tests).
import { Writable } from 'node:stream';
import { main } from '../cli/exchange';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk; done(); } });
  return { stream, text: () => text };
}

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(args, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}
