// Feeds a playing <video> to the decoder worker one frame at a time: the next frame is grabbed
// as soon as the worker answers, so the decode rate is what the decoder manages, and frames
// the worker could not take in time are simply never grabbed (no queue, no lag).
import type { DecodeReply, DecodeRequest } from './protocol';

export interface ScanLoop {
  stop(): void;
  /** decoded frames per second over the last few seconds */
  fps(): number;
}

export function startScanLoop({ video, worker, onReply }: {
  video: HTMLVideoElement; worker: Worker; onReply: (reply: DecodeReply) => void;
}): ScanLoop {
  let stopped = false;
  let id = 0;
  const done: number[] = [];
  const next = async () => {
    if (stopped) return;
    if (video.readyState < 2 || video.videoWidth === 0) {
      setTimeout(next, 50);
      return;
    }
    try {
      const bitmap = await createImageBitmap(video);
      if (stopped) return bitmap.close();
      const request: DecodeRequest = { id: ++id, bitmap };
      worker.postMessage(request, [bitmap]);
    } catch {
      setTimeout(next, 100);
    }
  };
  const listener = (event: MessageEvent<DecodeReply>) => {
    const now = performance.now();
    done.push(now);
    while (done.length && done[0] < now - 3000) done.shift();
    onReply(event.data);
    void next();
  };
  worker.addEventListener('message', listener);
  void next();
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
