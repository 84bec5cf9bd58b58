// getUserMedia with the wallet's own words for each way a camera can be unavailable.
import { hasErrorName, namedError } from '../messaging/errors';

/** A rear camera at 1280×720 when there is one; any camera otherwise. */
export async function openCamera({ mediaDevices = globalThis.navigator?.mediaDevices }: { mediaDevices?: MediaDevices } = {}): Promise<MediaStream> {
  if (!mediaDevices?.getUserMedia) {
    throw namedError({ name: 'NotSupportedError', message: 'This browser gives the wallet no access to a camera.' });
  }
  try {
    return await mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: { ideal: 'environment' } },
    });
  } catch (cause) {
    throw cameraError({ cause });
  }
}

/** Maps a getUserMedia failure to a named error with a sentence a shopper can act on. */
export function cameraError({ cause }: { cause: unknown }): Error {
  if (hasErrorName(cause, 'NotAllowedError', 'SecurityError')) {
    return namedError({ name: 'NotAllowedError', message: 'The camera was not allowed. Allow the camera for the wallet (the camera icon in the address bar), then try again.', cause });
  }
  if (hasErrorName(cause, 'NotFoundError', 'OverconstrainedError')) {
    return namedError({ name: 'NotFoundError', message: 'No camera found. Plug one in, or paste a photo of the code into the wallet instead.', cause });
  }
  if (hasErrorName(cause, 'NotReadableError', 'AbortError')) {
    return namedError({ name: 'NotReadableError', message: 'The camera is busy (another app may be using it). Close that app, then try again.', cause });
  }
  return namedError({ name: 'OperationError', message: 'The camera could not be started.', cause });
}
