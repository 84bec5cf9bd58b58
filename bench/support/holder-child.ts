// Child process entry: runs scripted holders (holder-loop.ts) with the options in argv[2] and
// prints their outcomes as one JSON object.
import { runHolders, type LoopOptions } from './holder-loop';

const options = JSON.parse(process.argv[2]) as LoopOptions;
const result = await runHolders(options);
process.stdout.write(JSON.stringify(result));
