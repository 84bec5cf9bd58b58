// Child process entry: runs scripted holders (holder-loop.ts) with the options in argv[2] and
// prints their outcomes as one JSON object (after a line `measuring` when the measured window
// starts).
import { runHolders, type LoopOptions } from './holder-loop';

const options = JSON.parse(process.argv[2]) as LoopOptions;
const result = await runHolders(options, { onMeasuring: () => process.stdout.write('measuring\n') });
process.stdout.write(JSON.stringify(result));
