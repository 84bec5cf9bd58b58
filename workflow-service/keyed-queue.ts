// Runs tasks one at a time per key (here: per exchange), so two concurrent POSTs to one
// exchange are processed in order and the second sees what the first stored. The queue itself
// is the project's one keyed queue (utils/keyed-queue.ts).
export { KeyedQueue } from '../utils/keyed-queue';
