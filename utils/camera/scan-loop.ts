// Feeds a playing <video> to the decoder worker: at most two frames are in flight, so the next
// frame is grabbed (createImageBitmap, on this thread) while the worker decodes the previous one,
// and frames the worker could not take in time are simply never grabbed (no queue, no lag).
import type { DecodeReply, DecodeRequest } from './protocol';

export interface ScanLoop {
  stop(): void;
  /** decoded frames per second over the last few seconds */
  fps(): number;
}

/** Frames grabbed ahead of the decoder: one decoding, one waiting (grabbed while it decodes). */
const IN_FLIGHT = 2;

export function startScanLoop({ video, worker, onReply }: {
  video: HTMLVideoElement; worker: Worker; onReply: (reply: DecodeReply) => void;
}): ScanLoop {
  let stopped = false;
  let id = 0;
  let inFlight = 0; // grabbed or being grabbed, not yet answered
  const done: number[] = [];
  const next = async () => {
    if (stopped || inFlight >= IN_FLIGHT) return;
    if (video.readyState < 2 || video.videoWidth === 0) {
      setTimeout(next, 50);
      return;
    }
    inFlight++;
    try {
      const bitmap = await createImageBitmap(video);
      if (stopped) return bitmap.close();
      const request: DecodeRequest = { id: ++id, bitmap };
      worker.postMessage(request, [bitmap]);
    } catch {
      inFlight--;
      setTimeout(next, 100);
    }
  };
  const listener = (event: MessageEvent<DecodeReply>) => {
    const now = performance.now();
    done.push(now);
    while (done.length && done[0] < now - 3000) done.shift();
    inFlight--;
    onReply(event.data);
    void next();
  };
  worker.addEventListener('message', listener);
  void next().then(next);
  return {
    stop() {
      stopped = true;
      worker.removeEventListener('message', listener);
    },
    fps() {
      if (done.length < 2) return 0;
      return ((done.length - 1) * 1000) / (done[done.length - 1] - done[0]);
    },
  };
}
